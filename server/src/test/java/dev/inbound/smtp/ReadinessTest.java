package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SmtpServer#notReady}: listening, and every handler of a chain ready. */
class ReadinessTest {
    private static Handler unready(String reason) {
        return new Handler() {
            @Override
            public Optional<String> notReady() {
                return Optional.of(reason);
            }
        };
    }

    @Test
    void readyOnlyWhileListening() throws Exception {
        SmtpServer server = SmtpServer.builder().bind("127.0.0.1").port(0).build();
        assertThat(server.notReady()).hasValue("not started");
        server.start();
        try {
            assertThat(server.notReady()).isEmpty();
        } finally {
            server.stop();
        }
        assertThat(server.notReady()).hasValue("not started");
    }

    @Test
    void aChainNamesEveryHandlerThatIsNotReady() throws Exception {
        SmtpServer server = SmtpServer.builder().bind("127.0.0.1").port(0)
                .handler(Handlers.all(unready("broker down"), new Handler() {
                }, unready("disk full"))).build();
        server.start();
        try {
            assertThat(server.notReady()).hasValue("broker down; disk full");
        } finally {
            server.stop();
        }
    }
}
