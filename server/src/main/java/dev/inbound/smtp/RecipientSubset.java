package dev.inbound.smtp;

import java.util.List;

/**
 * An envelope with only some of its recipients: what {@link Handlers#all} shows a later
 * handler once earlier ones have refused the others.
 */
final class RecipientSubset implements Envelope {
    private final Envelope whole;
    private final List<String> rcptTos;
    private final List<List<String>> rcptOptions;

    /** The recipients of {@code whole} at {@code indexes}, in that order. */
    RecipientSubset(Envelope whole, List<Integer> indexes) {
        this.whole = whole;
        this.rcptTos = indexes.stream().map(whole.rcptTos()::get).toList();
        this.rcptOptions = indexes.stream().map(whole.rcptOptions()::get).toList();
    }

    @Override
    public String id() {
        return whole.id();
    }

    @Override
    public String mailFrom() {
        return whole.mailFrom();
    }

    @Override
    public List<String> mailOptions() {
        return whole.mailOptions();
    }

    @Override
    public List<String> rcptTos() {
        return rcptTos;
    }

    @Override
    public List<List<String>> rcptOptions() {
        return rcptOptions;
    }

    @Override
    public boolean smtpUtf8() {
        return whole.smtpUtf8();
    }

    @Override
    public BodyType bodyType() {
        return whole.bodyType();
    }

    @Override
    public MessageContent content() {
        return whole.content();
    }

    @Override
    public String toString() {
        return "Envelope[" + id() + " from=<" + mailFrom() + "> to=" + rcptTos + "]";
    }
}
