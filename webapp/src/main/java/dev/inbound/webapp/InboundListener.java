package dev.inbound.webapp;

import dev.inbound.smtp.config.ConfiguredServer;
import dev.inbound.micrometer.MicrometerEvents;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.config.ServerConfiguration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Inbound for as long as the web application runs: starts the SMTP server when the
 * application starts, and stops it gracefully, then closes the handler, when it stops. The
 * options are the server's and its handlers' ({@link ServerConfiguration}: those of the
 * {@code inbound} command but its HTTP API and logging), as context parameters
 * {@code inbound.<option>} and {@code INBOUND_<OPTION>} environment variables (see
 * {@link ContextOptions}); with the
 * {@code jms} handler the broker comes from JNDI (see {@link JndiJmsDefaults}).
 *
 * <pre>{@code
 * <Context>
 *   <Parameter name="inbound.listen" value="0.0.0.0:2525" override="false"/>
 *   <Parameter name="inbound.handler" value="maildir" override="false"/>
 *   <Parameter name="inbound.maildir-root" value="/var/mail" override="false"/>
 * </Context>
 * }</pre>
 *
 * <p>The server's meters are MBeans in the JMX domain {@code inbound} while the application
 * runs (see the README, "Health and metrics"); the JVM's are the container's own.
 *
 * <p>A configuration that cannot work (an unknown option, a bad value, a port in use, a
 * JNDI name bound to nothing) throws from {@link #contextInitialized}, so the container fails
 * the deployment instead of running an application without its server.
 */
public final class InboundListener implements ServletContextListener {
    /** The context attribute holding the running {@link ConfiguredServer}, while it runs. */
    public static final String SERVER_ATTRIBUTE = "dev.inbound.webapp.server";

    private static final Logger LOG = LoggerFactory.getLogger(InboundListener.class);

    /** The domain of the MBeans, such as {@code inbound:name=inboundMessages.reply.2xx.result.accepted,type=meters}. */
    static final String JMX_DOMAIN = "inbound";
    private static final JmxConfig JMX = new JmxConfig() {
        @Override
        public String get(String key) {
            return null; // Micrometer's defaults for everything else
        }

        @Override
        public String domain() {
            return JMX_DOMAIN;
        }
    };

    private ConfiguredServer inbound;
    private JmxMeterRegistry meters;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Map<String, String> options = ContextOptions.from(context);
        long began = System.nanoTime();
        ConfiguredServer configured;
        JmxMeterRegistry jmx = new JmxMeterRegistry(JMX, Clock.SYSTEM);
        try {
            ServerConfiguration configuration = ServerConfiguration.builder()
                    .source("the web application", options)
                    .environment(System.getenv())
                    .read();
            configured = configuration.build(new MicrometerEvents(jmx, String.join(",", configuration.handlerNames())),
                    new JndiJmsDefaults());
        } catch (IllegalArgumentException e) {
            jmx.close();
            throw failed("invalid configuration (context parameters " + ContextOptions.PREFIX
                    + "<option>, environment variables INBOUND_<OPTION>): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            jmx.close(); // its MBeans would otherwise pin this application's class loader
            throw failed(e.toString(), e);
        }
        try {
            configured.start();
        } catch (IOException e) {
            jmx.close();
            throw failed("cannot listen: " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            jmx.close();
            throw failed(e.getMessage(), e); // unreadable TLS keys or password file
        }
        inbound = configured;
        meters = jmx;
        context.setAttribute(SERVER_ATTRIBUTE, configured);
        LOG.info("Inbound {} listening {} with handler {}, started in {} ms", SmtpServer.version(),
                configured.listening(), configured.handlerName(), (System.nanoTime() - began) / 1_000_000);
    }

    private static IllegalStateException failed(String why, Exception cause) {
        String message = "Inbound did not start: " + why;
        LOG.error(message);
        return new IllegalStateException(message, cause);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ConfiguredServer running = inbound;
        if (running == null) {
            return;
        }
        // Health checks answer 503 from now on, while messages in transfer may still finish.
        event.getServletContext().removeAttribute(SERVER_ATTRIBUTE);
        long began = System.nanoTime();
        running.close();
        meters.close(); // unregisters the MBeans: the container's JMX must not hold this application's classes
        inbound = null;
        meters = null;
        LOG.info("Inbound stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
    }
}
