package dev.inbound.it.process;

import java.nio.charset.StandardCharsets;

/**
 * A message a test sends: a unique Message-ID and content of a chosen size, with CRLF line
 * ends and no line starting with a dot (so it needs no dot-stuffing and is sent as it is).
 */
record TestMail(String id, String text) {
    static final String FROM = "a@example.com";
    static final String TO = "b@example.com";

    /** A message with Message-ID {@code <id@it.test>} and about {@code bodyBytes} of body. */
    static TestMail of(String id, int bodyBytes) {
        StringBuilder text = new StringBuilder()
                .append("Message-ID: <").append(id).append("@it.test>\r\n")
                .append("From: <").append(FROM).append(">\r\n")
                .append("To: <").append(TO).append(">\r\n")
                .append("Subject: ").append(id).append("\r\n\r\n");
        for (int line = 0; text.length() < bodyBytes; line++) {
            // Every line names its message and number, so a truncated or mixed-up file shows where.
            text.append(id).append(" line ").append(line).append(" 0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        return new TestMail(id, text.toString());
    }

    byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The message as a Maildir file ends with it: lines ending in LF, as the maildir handler writes them by default. */
    String asStored() {
        return text.replace("\r\n", "\n");
    }
}
