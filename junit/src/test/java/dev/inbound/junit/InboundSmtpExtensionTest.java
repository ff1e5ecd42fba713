package dev.inbound.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The lifecycle of {@link InboundSmtp}, seen by running the fixture classes below in JUnit's
 * own engine: emptied between tests, shared with {@code @Nested} classes, one server per class
 * when classes run in parallel, stopped after the class.
 */
class InboundSmtpExtensionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** What the fixtures saw, by name, for the assertions after their run. */
    private static final Map<String, TestMailServer> SEEN = new ConcurrentHashMap<>();
    /** Counted down by each parallel fixture class, so each can see the other run at the same time. */
    private static volatile CountDownLatch bothRunning;

    @Test
    void aTestDoesNotSeeTheMailOfTheTestBefore() {
        Events tests = run(selectClass(LeavesMailBehind.class));

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(tests.finished().stream().map(event -> event.getTestDescriptor().getDisplayName()))
                .containsExactly("first(TestMailServer)", "second(TestMailServer)");
    }

    @Test
    void aNestedClassSharesItsOuterServerUnlessAnnotatedItself() {
        run(selectClass(Outer.class)).assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(SEEN.get("inner")).isSameAs(SEEN.get("outer"));
        assertThat(SEEN.get("own")).isNotSameAs(SEEN.get("outer"));
        assertThat(SEEN.get("own").smtpPort()).isNotEqualTo(SEEN.get("outer").smtpPort());
    }

    @Test
    void classesRunInParallelOnServersOfTheirOwnThatStopAfterwards() throws Exception {
        bothRunning = new CountDownLatch(2);
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(ParallelA.class), selectClass(ParallelB.class))
                .execute().testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        int a = SEEN.get("a").smtpPort();
        int b = SEEN.get("b").smtpPort();
        assertThat(a).isNotEqualTo(b);
        for (int port : List.of(a, b)) {
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void withoutTheAnnotationThereIsNoServerToInject() {
        run(selectClass(NotAnnotated.class)).assertStatistics(stats -> stats.started(1).failed(1));
    }

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    }

    @InboundSmtp
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeavesMailBehind {
        @Test
        @Order(1)
        void first(TestMailServer mail) throws Exception {
            WelcomeMail.send(mail.host(), mail.smtpPort(), "first@example.com");
            assertThat(mail.awaitMessages(1, WAIT)).hasSize(1); // left in the server
        }

        @Test
        @Order(2)
        void second(TestMailServer mail) throws Exception {
            assertThat(mail.messages()).isEmpty();
            WelcomeMail.send(mail.host(), mail.smtpPort(), "second@example.com");
            assertThat(mail.awaitMessages(1, WAIT)).extracting(message -> message.rcptTos())
                    .containsExactly(List.of("second@example.com"));
        }
    }

    @InboundSmtp
    static class Outer {
        @Test
        void outer(TestMailServer mail) throws Exception {
            SEEN.put("outer", mail);
            WelcomeMail.send(mail.host(), mail.smtpPort(), "outer@example.com");
            mail.awaitMessages(1, WAIT);
        }

        @Nested
        class Inner {
            @Test
            void inner(TestMailServer mail) {
                SEEN.put("inner", mail);
                assertThat(mail.messages()).isEmpty();
            }
        }

        @Nested
        @InboundSmtp
        class OwnServer {
            @Test
            void own(TestMailServer mail) {
                SEEN.put("own", mail);
            }
        }
    }

    /** Waits for the other parallel class, sends to its own recipient and sees only its own message. */
    static void runAlongside(String name, TestMailServer mail) throws Exception {
        SEEN.put(name, mail);
        bothRunning.countDown();
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).as("the other class runs meanwhile").isTrue();
        WelcomeMail.send(mail.host(), mail.smtpPort(), name + "@example.com");
        assertThat(mail.awaitMessages(1, WAIT)).extracting(message -> message.rcptTos())
                .containsExactly(List.of(name + "@example.com"));
    }

    @InboundSmtp
    static class ParallelA {
        @Test
        void sends(TestMailServer mail) throws Exception {
            runAlongside("a", mail);
        }
    }

    @InboundSmtp
    static class ParallelB {
        @Test
        void sends(TestMailServer mail) throws Exception {
            runAlongside("b", mail);
        }
    }

    static class NotAnnotated {
        @Test
        void wantsAServer(TestMailServer mail) {
            assertThat(mail).isNotNull();
        }
    }
}
