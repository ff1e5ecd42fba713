package dev.inbound.smtp.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Reply;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

class UpstreamReplyTest {
    @Test
    void stripsCodeAndEnhancedStatusFromTheText() {
        assertThat(UpstreamReply.parse(250, "250 2.0.0 Ok: queued as ABC\n", "OK"))
                .isEqualTo(Reply.of(250, "2.0.0", "Ok: queued as ABC"));
    }

    @Test
    void keepsEveryLineOfAMultilineAnswer() {
        assertThat(UpstreamReply.parse(550, "550-5.7.1 Refused\r\n550 5.7.1 see https://example.com", "x"))
                .isEqualTo(Reply.multiline(550, "5.7.1", List.of("Refused", "see https://example.com")));
    }

    @Test
    void dropsAnEnhancedStatusOfTheWrongClass() {
        assertThat(UpstreamReply.parse(451, "451 5.1.1 odd", "x")).isEqualTo(Reply.of(451, "odd"));
    }

    @Test
    void usesTheFallbackWhenTheUpstreamSaidNothing() {
        assertThat(UpstreamReply.accepted(null)).isEqualTo(Reply.of(250, "OK"));
        assertThat(UpstreamReply.parse(554, "554", "Rejected")).isEqualTo(Reply.of(554, "Rejected"));
    }

    @Test
    void findsTheRejectionInsideAngusExceptionChain() throws Exception {
        SendFailedException failure = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("b@example.com"), "RCPT TO:<b@example.com>", 452,
                        "452 4.2.2 Mailbox full\n"));
        assertThat(UpstreamReply.rejected(failure)).isEqualTo(Reply.of(452, "4.2.2", "Mailbox full"));
    }

    @Test
    void hidesTheExceptionTextWhenThereIsNoSmtpAnswer() {
        MessagingException failure = new MessagingException("Couldn't connect to host 10.0.0.1, port: 25",
                new ConnectException("Connection refused"));
        assertThat(UpstreamReply.rejected(failure)).isSameAs(UpstreamReply.UNREACHABLE);
    }
}
