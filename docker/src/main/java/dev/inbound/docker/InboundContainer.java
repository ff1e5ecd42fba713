package dev.inbound.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The Inbound SMTP/LMTP server in a container, for tests: a real server that a test's mail
 * client talks to on a mapped port, and whose Maildir or broker the test then inspects.
 *
 * <pre>{@code
 * @Testcontainers
 * class SignupMailTest {
 *     @Container
 *     static InboundContainer inbound = new InboundContainer().withMaildir();
 *
 *     @Test
 *     void sendsTheWelcomeMail() throws Exception {
 *         app.smtp(inbound.getHost(), inbound.getSmtpPort()).signUp("new@example.com");
 *         List<String> files = inbound.maildirMessages();       // /var/mail/new/...
 *         String mail = inbound.copyFileFromContainer(files.get(0),
 *                 in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
 *         assertThat(mail).contains("Subject: Welcome");
 *     }
 * }
 * }</pre>
 *
 * <p>The options become the image's {@code INBOUND_*} variables, so anything not covered here
 * can be set with {@link #withEnv(String, String)} ({@code INBOUND_MAX_RECIPIENTS}, say). The
 * container listens for SMTP on 25, submission (also SMTP, same policies) on 587 and LMTP on
 * 24, and with {@link #withTls(boolean)} for SMTPS on 465; it is ready once the server logs
 * that it listens.
 */
public class InboundContainer extends GenericContainer<InboundContainer> {
    /** The image this jar belongs to, {@code inbound/inbound:<version>}. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse(imageOfThisVersion());
    public static final int SMTP_PORT = 25;
    public static final int SUBMISSION_PORT = 587;
    public static final int SMTPS_PORT = 465;
    public static final int LMTP_PORT = 24;
    /** The HTTP API's port: the message API behind {@link #messages()}, health and metrics. */
    public static final int HTTP_PORT = 8080;
    /** The Maildir root of {@link #withMaildir()}, the image's volume. */
    public static final String MAILDIR = "/var/mail";
    /** Where {@link #withAuth} puts the password file. */
    public static final String AUTH_FILE = "/etc/inbound/users";
    /**
     * PBKDF2 rounds for {@link #withAuth}: far fewer than {@code inbound passwd} uses, since a
     * test password guards nothing and each AUTH would otherwise cost a fifth of a second.
     */
    private static final int TEST_ITERATIONS = 1_000;

    private final Map<String, String> handlerOptions = new LinkedHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private MessageApi api;

    /** The image of this jar's version, {@link #DEFAULT_IMAGE}. */
    public InboundContainer() {
        this(DEFAULT_IMAGE);
    }

    /** An Inbound image by name, such as {@code "inbound/inbound:0.1.0"}. */
    public InboundContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /** An Inbound image, for instance one built by the test with {@code ImageFromDockerfile}. */
    public InboundContainer(DockerImageName image) {
        super(image);
        addExposedPorts(SMTP_PORT, SUBMISSION_PORT, LMTP_PORT, HTTP_PORT);
        // The API is what messages(), awaitMessages() and clear() ask; it keeps what arrives in
        // the server's bounded store, next to whatever handler the test chooses.
        withEnv("INBOUND_HTTP", "0.0.0.0:" + HTTP_PORT);
        waitingFor(Wait.forLogMessage(".*Inbound \\S+ listening .*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** The handler each message goes to: {@code console} (the image's default), {@code maildir}, {@code jms}, ... */
    public InboundContainer withHandler(String name) {
        return withEnv("INBOUND_HANDLER", name);
    }

    /**
     * An option of the handler, such as {@code mode=per-recipient} for {@code maildir}; the
     * value must not contain a comma, which separates options in {@code INBOUND_HANDLER_OPTION}.
     */
    public InboundContainer withHandlerOption(String key, String value) {
        if (key.contains("=") || key.contains(",") || value.contains(",")) {
            throw new IllegalArgumentException("a handler option key has no '=' or ',', a value no ',': " + key + "=" + value);
        }
        handlerOptions.put(key, value);
        return withEnv("INBOUND_HANDLER_OPTION", handlerOptions.entrySet().stream()
                .map(option -> option.getKey() + "=" + option.getValue()).collect(Collectors.joining(",")));
    }

    /**
     * Delivers to the Maildir {@value #MAILDIR}: each message lands in
     * {@code /var/mail/new/<unique name>}, the Received header first, lines ending in LF. For a
     * Maildir per recipient ({@code /var/mail/<domain>/<user>/new/...}) add
     * {@code withHandlerOption("mode", "per-recipient")}.
     */
    public InboundContainer withMaildir() {
        return withHandler("maildir").withHandlerOption("root", MAILDIR);
    }

    /**
     * Publishes each message to {@code queue} at the broker {@code url} (ActiveMQ Artemis,
     * {@code tcp://broker:61616}, reachable from inside the container, for example by a
     * network alias); the broker's login, if any, with {@code withEnv("INBOUND_JMS_USER", ...)}
     * and {@code INBOUND_JMS_PASSWORD}.
     */
    public InboundContainer withJms(String url, String queue) {
        return withHandler("jms").withEnv("INBOUND_JMS_URL", url).withHandlerOption("destination", "queue:" + queue);
    }

    /**
     * With {@code true}: a self-signed certificate made at start, STARTTLS on the SMTP, submission
     * and LMTP ports, and SMTPS on {@value #SMTPS_PORT} ({@link #getSmtpsPort()}). Clients must
     * trust any certificate. With {@code false}: no TLS, the default.
     */
    public InboundContainer withTls(boolean selfSigned) {
        if (selfSigned) {
            addExposedPort(SMTPS_PORT);
            return withEnv("INBOUND_TLS_SELF_SIGNED", "true").withEnv("INBOUND_TLS_PORT", String.valueOf(SMTPS_PORT));
        }
        setExposedPorts(getExposedPorts().stream().filter(port -> port != SMTPS_PORT).toList());
        setEnv(getEnv().stream().filter(variable -> !variable.startsWith("INBOUND_TLS_")).toList());
        return self();
    }

    /**
     * Offers AUTH PLAIN and LOGIN for {@code user} with {@code password}; call again for more
     * users. As in production, AUTH is offered only after STARTTLS: add {@code withTls(true)},
     * or {@code withEnv("INBOUND_AUTH_REQUIRE_TLS", "false")} for a plain-text test.
     */
    public InboundContainer withAuth(String user, String password) {
        if (user.isEmpty() || user.contains(":") || user.contains("\n") || user.startsWith("#")) {
            throw new IllegalArgumentException("a user name is not empty and has no ':' or line break: " + user);
        }
        users.put(user, pbkdf2(password));
        String file = users.entrySet().stream().map(u -> u.getKey() + ":" + u.getValue() + "\n").collect(Collectors.joining());
        // Readable by the server's user: the copy belongs to root.
        return withCopyToContainer(Transferable.of(file.getBytes(StandardCharsets.UTF_8), 0644), AUTH_FILE)
                .withEnv("INBOUND_AUTH_FILE", AUTH_FILE);
    }

    /** Takes mail from unauthenticated clients only for recipients in these domains. */
    public InboundContainer withAcceptDomains(String... domains) {
        return withEnv("INBOUND_ACCEPT_DOMAINS", String.join(",", domains));
    }

    /** The host port mapped to SMTP ({@value #SMTP_PORT}). */
    public int getSmtpPort() {
        return getMappedPort(SMTP_PORT);
    }

    /** The host port mapped to submission ({@value #SUBMISSION_PORT}). */
    public int getSubmissionPort() {
        return getMappedPort(SUBMISSION_PORT);
    }

    /** The host port mapped to SMTPS ({@value #SMTPS_PORT}); only with {@link #withTls(boolean) withTls(true)}. */
    public int getSmtpsPort() {
        return getMappedPort(SMTPS_PORT);
    }

    /** The host port mapped to LMTP ({@value #LMTP_PORT}). */
    public int getLmtpPort() {
        return getMappedPort(LMTP_PORT);
    }

    /** The host port mapped to the HTTP API ({@value #HTTP_PORT}). */
    public int getHttpPort() {
        return getMappedPort(HTTP_PORT);
    }

    /** The messages received so far (at most the newest 1000), newest first. */
    public List<MessageSummary> messages() {
        return api().list();
    }

    /**
     * Waits until {@code count} messages to {@code to} have arrived (those already there count),
     * and returns them, newest first; throws AssertionError, naming what did arrive, when
     * {@code timeout} passes first. {@code to} matches RCPT TO, To and Cc, case ignored;
     * {@code @example.com} matches a whole domain.
     */
    public List<MessageSummary> awaitMessages(String to, int count, Duration timeout) {
        return api().await(to, count, timeout);
    }

    /** One message in full: envelope, text and HTML bodies, attachments, and its raw bytes. */
    public ReceivedMessage message(String id) {
        return api().message(id);
    }

    /** Forgets every message received so far (a Maildir or broker keeps its copies). */
    public void clear() {
        api().clear();
    }

    /** One client per started container: each HttpClient keeps a selector thread. */
    private synchronized MessageApi api() {
        URI base = URI.create("http://" + getHost() + ":" + getHttpPort());
        if (api == null || !api.base().equals(base)) {
            api = new MessageApi(base);
        }
        return api;
    }

    /**
     * The paths in the container of the messages delivered to Maildirs under {@value #MAILDIR},
     * sorted; read one with {@link #copyFileFromContainer}.
     */
    public List<String> maildirMessages() {
        try {
            ExecResult found = execInContainer("find", MAILDIR, "-type", "f", "(", "-path", "*/new/*", "-o", "-path", "*/cur/*", ")");
            if (found.getExitCode() != 0) {
                throw new IllegalStateException("find in " + MAILDIR + " failed: " + found.getStderr());
            }
            return found.getStdout().lines().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing " + MAILDIR, e);
        }
    }

    /** A password-file hash as the server reads it: {@code pbkdf2-sha256:<rounds>:<salt>:<hash>}, Base64. */
    private static String pbkdf2(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, TEST_ITERATIONS, 256);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "pbkdf2-sha256:" + TEST_ITERATIONS + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String imageOfThisVersion() {
        try (InputStream in = InboundContainer.class.getResourceAsStream("image.properties")) {
            if (in == null) {
                throw new IllegalStateException("image.properties is missing from the inbound-docker jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("image");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
