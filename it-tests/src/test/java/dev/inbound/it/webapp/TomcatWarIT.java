package dev.inbound.it.webapp;

import static dev.inbound.it.webapp.WarChecks.assertPortFree;
import static dev.inbound.it.webapp.WarChecks.assertHealthyAndPublishing;
import static dev.inbound.it.webapp.WarChecks.get;
import static dev.inbound.it.webapp.WarChecks.millisSince;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built WAR in embedded Tomcat 11, configured as an administrator would: a
 * {@code context.xml} (the README's, {@code webapp/tomcat-context.xml}) with the context
 * parameters and the Artemis factory and queue as {@code <Resource>}s. Mail sent with Angus Mail
 * arrives on the queue, {@code /health} says so, and undeploying frees the SMTP port without
 * Tomcat finding threads the application left behind.
 */
class TomcatWarIT {
    private static final Path WAR = Path.of(System.getProperty("inbound.war"));
    private static final Path CONTEXT_XML = Path.of("src/test/resources/webapp/tomcat-context.xml");

    @TempDir
    static Path base;

    private static TestBroker broker;
    private static Tomcat tomcat;
    /** Tomcat logs through java.util.logging: what it says at WARNING and above. */
    private static final List<String> warnings = new CopyOnWriteArrayList<>();
    private static final Handler WARNINGS = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startTomcatAndBroker() throws Exception {
        broker = new TestBroker();
        Logger.getLogger("org.apache.catalina").addHandler(WARNINGS);
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Files.createDirectories(base.resolve("webapps"));
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.enableNaming();
        tomcat.getHost();
        tomcat.start();
    }

    @AfterAll
    static void stopTomcatAndBroker() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        Logger.getLogger("org.apache.catalina").removeHandler(WARNINGS);
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    @AfterEach
    void forgetWarnings() {
        warnings.clear();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path;
    }

    /**
     * The README's context.xml with this test's addresses in place of its examples, as the
     * configuration file of the WAR deployed at /inbound.
     */
    private static Context deploy(int smtpPort) throws Exception {
        return deploy(Files.readString(CONTEXT_XML, StandardCharsets.UTF_8)
                .replace("0.0.0.0:2525", "127.0.0.1:" + smtpPort)
                .replace("tcp://broker:61616", broker.url()), smtpPort);
    }

    /** The WAR listening on 127.0.0.1:{@code smtpPort}, with these context parameters and no JMS resources. */
    private static Context deploy(int smtpPort, Map<String, String> parameters) throws Exception {
        StringBuilder contextXml = new StringBuilder("<Context>\n");
        parameters.forEach((name, value) -> contextXml.append("  <Parameter name=\"").append(name)
                .append("\" value=\"").append(value).append("\" override=\"false\"/>\n"));
        contextXml.append("  <Parameter name=\"inbound.listen\" value=\"127.0.0.1:").append(smtpPort)
                .append("\" override=\"false\"/>\n</Context>\n");
        return deploy(contextXml.toString(), smtpPort);
    }

    private static Context deploy(String contextXml, int smtpPort) throws Exception {
        Path file = Files.writeString(base.resolve("inbound-" + smtpPort + ".xml"), contextXml, StandardCharsets.UTF_8);
        StandardContext context = new StandardContext();
        context.setName("/inbound");
        context.setPath("/inbound");
        context.setDocBase(WAR.toString());
        context.setConfigFile(file.toUri().toURL());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml); // the WAR's web.xml is all it needs
        context.addLifecycleListener(config);
        tomcat.getHost().addChild(context); // deploys and starts it
        return context;
    }

    @Test
    void publishesMailToTheQueueOfContextXmlAndFreesThePortWhenUndeployed() throws Exception {
        int smtpPort = TestBroker.freePort();
        long began = System.nanoTime();
        Context context = deploy(smtpPort);
        System.out.printf("TomcatWarIT: deployed in %d ms%n", millisSince(began));
        assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);

        assertHealthyAndPublishing(url("/inbound/health"), smtpPort, broker, "Deployed in Tomcat");

        began = System.nanoTime();
        tomcat.getHost().removeChild(context);
        System.out.printf("TomcatWarIT: undeployed in %d ms%n", millisSince(began));

        assertPortFree(smtpPort);
        assertThat(get(url("/inbound/health")).statusCode()).isEqualTo(404);
        assertNothingLeftBehind();
    }

    @Test
    void aPortInUseFailsTheDeploymentAndLeavesNothingListening() throws Exception {
        int smtpPort = TestBroker.freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Context context = deploy(smtpPort, Map.of("inbound.handler", "sink",
                    "inbound.lmtp", "127.0.0.1:" + taken.getLocalPort()));
            try {
                assertThat(context.getState()).isNotEqualTo(LifecycleState.STARTED);
                assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                        .contains("Inbound did not start: cannot listen").contains(String.valueOf(taken.getLocalPort())));
                assertPortFree(smtpPort); // the SMTP listener bound before the LMTP one failed
                assertThat(get(url("/inbound/health")).statusCode()).isNotEqualTo(200);
            } finally {
                tomcat.getHost().removeChild(context);
            }
        }
        assertNothingLeftBehind();
    }

    /**
     * "The web application [inbound] appears to have started a thread named [...] but has failed
     * to stop it"; Tomcat's own utility threads, which it may start while the application deploys,
     * are not the application's.
     */
    private static void assertNothingLeftBehind() {
        assertThat(warnings).as("Tomcat's warnings on threads or references the application left behind")
                .noneMatch(warning -> warning.contains("web application [") && !warning.contains("named [Catalina-utility-"));
    }
}
