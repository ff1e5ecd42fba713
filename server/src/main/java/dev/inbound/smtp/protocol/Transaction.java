package dev.inbound.smtp.protocol;

import dev.inbound.smtp.BodyType;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.MessageContent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One mail transaction, from MAIL to the end of data or RSET; handlers see it as {@link Envelope}. */
final class Transaction implements Envelope {
    private final String id;
    private final String mailFrom;
    private final List<String> mailOptions;
    private final boolean smtpUtf8;
    private final BodyType bodyType;
    private final List<String> rcptTos = new ArrayList<>();
    private final List<List<String>> rcptOptions = new ArrayList<>();
    private MessageContent content;
    /** The content being received by BDAT, kept between chunks. */
    ContentWriter chunks;

    Transaction(String id, String mailFrom, List<String> mailOptions, boolean smtpUtf8, BodyType bodyType) {
        this.id = id;
        this.mailFrom = mailFrom;
        this.mailOptions = List.copyOf(mailOptions);
        this.smtpUtf8 = smtpUtf8;
        this.bodyType = bodyType;
    }

    void addRecipient(String address, List<String> options) {
        rcptTos.add(address);
        rcptOptions.add(List.copyOf(options));
    }

    void content(MessageContent content) {
        this.content = content;
    }

    /** Frees what the transaction holds: the BDAT content received so far. */
    void discard() {
        if (chunks != null) {
            chunks.close();
            chunks = null;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String mailFrom() {
        return mailFrom;
    }

    @Override
    public List<String> mailOptions() {
        return mailOptions;
    }

    @Override
    public List<String> rcptTos() {
        return Collections.unmodifiableList(rcptTos);
    }

    @Override
    public List<List<String>> rcptOptions() {
        return Collections.unmodifiableList(rcptOptions);
    }

    @Override
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    @Override
    public BodyType bodyType() {
        return bodyType;
    }

    @Override
    public MessageContent content() {
        return content;
    }

    @Override
    public String toString() {
        return "Envelope[" + id + " from=<" + mailFrom + "> to=" + rcptTos + "]";
    }
}
