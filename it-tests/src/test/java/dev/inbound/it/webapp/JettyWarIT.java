package dev.inbound.it.webapp;

import static dev.inbound.it.webapp.WarChecks.assertPortFree;
import static dev.inbound.it.webapp.WarChecks.assertHealthyAndPublishing;
import static dev.inbound.it.webapp.WarChecks.get;
import static dev.inbound.it.webapp.WarChecks.millisSince;
import static dev.inbound.it.webapp.WarChecks.sendMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built WAR in embedded Jetty 12 (ee10): the jms handler takes the broker from JNDI, mail
 * sent with Angus Mail arrives on the queue, {@code /health} says so, and undeploying frees the
 * SMTP port. One Jetty and one broker serve every test; each test deploys its own WAR context.
 */
class JettyWarIT {
    private static final Path WAR = Path.of(System.getProperty("inbound.war"));

    private static TestBroker broker;
    private static Server jetty;
    private static ContextHandlerCollection contexts;

    @BeforeAll
    static void startJettyAndBroker() throws Exception {
        broker = new TestBroker();
        jetty = new Server();
        ServerConnector http = new ServerConnector(jetty);
        http.setHost("127.0.0.1");
        jetty.addConnector(http);
        contexts = new ContextHandlerCollection();
        jetty.setHandler(contexts);
        jetty.start();
    }

    @AfterAll
    static void stopJettyAndBroker() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + path;
    }

    /** The WAR at {@code /inbound}, with JNDI (env and plus configurations), listening on 127.0.0.1:{@code smtpPort}. */
    private static WebAppContext webapp(int smtpPort, String handler) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/inbound");
        webapp.setWar(WAR.toString());
        webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration());
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.setInitParameter("inbound.listen", "127.0.0.1:" + smtpPort);
        webapp.setInitParameter("inbound.handler", handler);
        return webapp;
    }

    @Test
    void publishesMailToTheQueueBoundInJndiAndFreesThePortWhenUndeployed() throws Exception {
        int smtpPort = TestBroker.freePort();
        WebAppContext webapp = webapp(smtpPort, "jms");
        new Resource(webapp, "jms/ConnectionFactory", new ActiveMQConnectionFactory(broker.url()));
        new Resource(webapp, "jms/Mail", new ActiveMQQueue(TestBroker.QUEUE));
        webapp.addOverrideDescriptor(Path.of("src/test/resources/webapp/jetty-jms-override-web.xml").toUri().toString());

        long began = System.nanoTime();
        contexts.addHandler(webapp);
        webapp.start();
        System.out.printf("JettyWarIT: deployed in %d ms%n", millisSince(began));

        assertHealthyAndPublishing(url("/inbound/health"), smtpPort, broker, "Deployed in Jetty");

        began = System.nanoTime();
        webapp.stop();
        contexts.removeHandler(webapp);
        System.out.printf("JettyWarIT: undeployed in %d ms%n", millisSince(began));

        assertPortFree(smtpPort);
        assertThat(get(url("/inbound/health")).statusCode()).isNotEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "inbound.size | ten megabytes  | The web application option size must be a byte count such as 1048576, 64K, 50M or 2G, not 'ten megabytes'",
        "inbound.http | 127.0.0.1:8080 | The web application has no option http; it takes listen, submission"})
    void anInvalidOptionFailsTheDeploymentWithTheReason(String parameter, String value, String reason) throws Exception {
        int smtpPort = TestBroker.freePort();
        WebAppContext webapp = webapp(smtpPort, "sink");
        webapp.setInitParameter(parameter, value);
        contexts.addHandler(webapp);
        try {
            assertThatThrownBy(webapp::start)
                    .hasMessageStartingWith("Inbound did not start: invalid configuration (context parameters inbound.<option>")
                    .hasMessageContaining(reason);
            assertThat(webapp.isAvailable()).isFalse();
            assertPortFree(smtpPort);
        } finally {
            webapp.stop();
            contexts.removeHandler(webapp);
        }
    }

    @Test
    void otherHandlersNeedNoJmsResources() throws Exception {
        int smtpPort = TestBroker.freePort();
        WebAppContext webapp = webapp(smtpPort, "sink");
        contexts.addHandler(webapp);
        webapp.start();
        try {
            assertThat(get(url("/inbound/health")).statusCode()).isEqualTo(200);
            sendMail(smtpPort, "To the sink", "Gone.");
        } finally {
            webapp.stop();
            contexts.removeHandler(webapp);
        }
        assertPortFree(smtpPort);
    }

    @Test
    void theServersMetersAreMBeansWhileTheApplicationRuns() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName accepted = new ObjectName("inbound:name=inboundMessages.reply.2xx.result.accepted,type=meters");
        int smtpPort = TestBroker.freePort();
        WebAppContext webapp = webapp(smtpPort, "sink");
        contexts.addHandler(webapp);
        webapp.start();
        try {
            assertThat(jmx.getAttribute(accepted, "Count")).isEqualTo(0L);
            sendMail(smtpPort, "Counted", "One.");
            sendMail(smtpPort, "Counted", "Two.");
            assertThat(jmx.getAttribute(accepted, "Count")).isEqualTo(2L);
            assertThat(jmx.queryNames(new ObjectName("inbound:name=inboundDelivery.handler.sink.*,*"), null)).isNotEmpty();
        } finally {
            webapp.stop();
            contexts.removeHandler(webapp);
        }
        assertThat(jmx.isRegistered(accepted)).as("unregistered when the application stops").isFalse();
    }
}
