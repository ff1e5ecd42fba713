package dev.inbound.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Inbound SMTP server for a test class: started on a free port of 127.0.0.1 before the
 * class's first test, emptied before each test, stopped after its last. Tests, and
 * {@code @BeforeEach} and {@code @AfterEach} methods, get it as a {@link TestMailServer}
 * parameter.
 *
 * <pre>{@code
 * @InboundSmtp
 * class SignupMailTest {
 *     @Test
 *     void sendsAWelcome(TestMailServer mail) throws Exception {
 *         signup.register("bob@example.com", mail.host(), mail.smtpPort());
 *         StoredMessage welcome = mail.awaitMessages(1, Duration.ofSeconds(5)).get(0);
 *         assertEquals("Welcome", welcome.mimeMessage().getSubject());
 *     }
 * }
 * }</pre>
 *
 * <p>Each annotated class has a server of its own, so classes may run in parallel. A
 * {@code @Nested} class shares the server of its enclosing class (it is emptied before each
 * of its tests too), unless it is annotated itself: then it gets its own, on another free
 * port. The tests of one class share one server; do not run them concurrently with each other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InboundSmtpExtension.class)
public @interface InboundSmtp {
    /** Also listen for LMTP (RFC 2033), on {@link TestMailServer#lmtpPort()}. */
    boolean lmtp() default false;

    /**
     * Offer STARTTLS with a self-signed certificate for {@code localhost}, {@code 127.0.0.1} and
     * {@code ::1} that ships in this jar (a test key, never a secret); clients must trust it
     * (Angus Mail: {@code mail.smtp.ssl.trust=*}).
     */
    boolean tls() default false;

    /**
     * Offer AUTH (PLAIN, LOGIN) for these {@code "user:password"} pairs; without {@link #tls()},
     * over plaintext too. Mail is accepted without AUTH all the same.
     */
    String[] auth() default {};
}
