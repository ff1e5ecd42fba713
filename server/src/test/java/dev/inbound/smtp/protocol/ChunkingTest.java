package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3030 CHUNKING: BDAT chunks, BDAT 0 LAST, and mixing errors. */
class ChunkingTest {
    private TestServer server;
    private SmtpTestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(b -> b.receivedHeader(false).maxMessageSize(100));
        client = server.client();
        client.greet();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private void envelope() throws Exception {
        assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
        assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
    }

    @Test
    void chunksMakeOneMessage() throws Exception {
        envelope();
        assertThat(client.sendRaw("BDAT 14\r\nSubject: x\r\n\r\n").reply()).isEqualTo("250 2.0.0 14 octets received");
        assertThat(client.sendRaw("bdat 8 last\r\n.body\r\n\r\n").reply()).startsWith("250 2.0.0 OK: queued as ");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.text()).isEqualTo("Subject: x\r\n\r\n.body\r\n\r\n");
    }

    @Test
    void chunkMayHoldCommandsAndCrLfSplitAcrossChunks() throws Exception {
        envelope();
        assertThat(client.sendRaw("BDAT 11\r\nQUIT\r\nline\r").reply()).startsWith("250 2.0.0 11 octets");
        assertThat(client.sendRaw("BDAT 1 LAST\r\n\n").reply()).startsWith("250 2.0.0 OK");
        assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).text()).isEqualTo("QUIT\r\nline\r\n");
    }

    @Test
    void bdatZeroLastEndsTheMessage() throws Exception {
        envelope();
        client.sendRaw("BDAT 6\r\nhello\n").reply();
        assertThat(client.command("BDAT 0 LAST")).startsWith("250 2.0.0 OK");
        assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).text()).isEqualTo("hello\r\n");
    }

    @Test
    void bdatWithoutTransactionIsRefusedAfterItsChunkIsRead() throws Exception {
        assertThat(client.sendRaw("BDAT 11\r\nRSET\r\nRSET\r").reply()).isEqualTo("503 5.5.1 Error: need MAIL command");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.sendRaw("BDAT 4 LAST\r\nRSET").reply()).isEqualTo("503 5.5.1 Error: need RCPT command");
    }

    @Test
    void dataAfterBdatIsRefused() throws Exception {
        envelope();
        client.sendRaw("BDAT 3\r\nabc").reply();
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: DATA not allowed after BDAT");
        assertThat(client.command("RCPT TO:<c@example.com>")).isEqualTo("503 5.5.1 Error: RCPT not allowed after BDAT");
        assertThat(client.command("RSET")).startsWith("250");
        envelope();
        assertThat(client.command("DATA")).startsWith("354");
    }

    @Test
    void badBdatSyntaxGets501() throws Exception {
        envelope();
        assertThat(client.command("BDAT")).isEqualTo("501 5.5.4 Syntax: BDAT <chunk-size> [LAST]");
        assertThat(client.command("BDAT -1")).startsWith("501 5.5.4");
        assertThat(client.command("BDAT 1 FIRST")).startsWith("501 5.5.4");
        assertThat(client.command("BDAT 1234567890123456789")).startsWith("501 5.5.4");
    }

    @Test
    void chunksOverTheSizeLimitGet552AndEndTheTransaction() throws Exception {
        envelope();
        assertThat(client.sendRaw("BDAT 150\r\n" + "z".repeat(150)).reply()).startsWith("552 5.3.4");
        assertThat(client.sendRaw("BDAT 5 LAST\r\nabcde").reply()).startsWith("503 5.5.1 Error: need MAIL");
        assertThat(server.collector.messages()).isEmpty();
    }

    @Test
    void bdatNeedsEhlo() throws Exception {
        client.command("HELO client.example");
        client.command("MAIL FROM:<a@example.com>");
        client.command("RCPT TO:<b@example.com>");
        assertThat(client.sendRaw("BDAT 2 LAST\r\nab").reply()).isEqualTo("503 Error: BDAT needs EHLO");
    }
}
