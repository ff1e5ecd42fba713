package dev.inbound.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar dist/target/inbound.jar}, as the README runs it: it starts, logs, takes mail,
 * and has the handler modules inside. Reading the server's output blocks, so each test has a
 * timeout that ends it should the server fall silent.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunnableJarIT {
    private static final Pattern STARTED = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler \\S+");

    private Process server;
    private BufferedReader serverOutput;
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            serverOutput.close();
        }
    }

    @Test
    void startsWithLoggingAndPrintsAMessageItReceives() throws Exception {
        sendMessage(start());
        readUntil("disconnect from");
        // The console handler printed the message, and Logback (bundled) logged the session.
        assertThat(output).anyMatch(line -> line.equals("Subject: from the jar test"))
                .anyMatch(line -> line.contains("INFO") && line.contains("connect from /127.0.0.1"));
    }

    @Test
    void storesInAMaildirWithTheMaildirHandler(@TempDir Path mail) throws Exception {
        sendMessage(start("--handler", "maildir", "--handler-option", "root=" + mail));
        readUntil("disconnect from");
        try (Stream<Path> delivered = Files.list(mail.resolve("new"))) {
            List<Path> files = delivered.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.readString(files.get(0))).startsWith("Return-Path: <a@example.com>\n")
                    .endsWith("Subject: from the jar test\n\nhello\n");
        }
    }

    @Test
    void publishesToAnArtemisBrokerWithTheJmsHandler(@TempDir Path dir) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:0?protocols=CORE"));
        broker.start();
        try {
            int port = ((NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor("tcp")).getActualPort();
            sendMessage(start("--handler", "jms", "--jms-url", "tcp://127.0.0.1:" + port, "--handler-option", "destination=jar"));
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            try (JMSContext jms = factory.createContext()) {
                Message message = jms.createConsumer(jms.createQueue("jar")).receive(10_000);
                assertThat(message.getStringProperty("SmtpMailFrom")).isEqualTo("a@example.com");
                assertThat(new String(message.getBody(byte[].class), StandardCharsets.UTF_8))
                        .startsWith("Received: ").endsWith("Subject: from the jar test\r\n\r\nhello\r\n");
            }
        } finally {
            broker.stop();
        }
    }

    /** Starts the jar on a free port of 127.0.0.1 with {@code options}; returns the port. */
    private int start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("inbound.jar"), "--listen", "127.0.0.1:0"));
        command.addAll(List.of(options));
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        serverOutput = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Matcher started = STARTED.matcher(readUntil(" with handler "));
        assertThat(started.matches()).as(String.join("\n", output)).isTrue();
        return Integer.parseInt(started.group(1));
    }

    private String readUntil(String text) throws IOException {
        for (String line = serverOutput.readLine(); line != null; line = serverOutput.readLine()) {
            output.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the server ended before printing '" + text + "':\n" + String.join("\n", output));
    }

    private static void sendMessage(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream to = socket.getOutputStream();
            BufferedReader from = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(from.readLine()).startsWith("220 ");
            to.write("HELO client.test\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(from.readLine(), from.readLine(), from.readLine(), from.readLine()))
                    .allMatch(reply -> reply.startsWith("250") || reply.startsWith("354"));
            to.write("Subject: from the jar test\r\n\r\nhello\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(from.readLine()).startsWith("250 ");
        }
    }
}
