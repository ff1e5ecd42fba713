package dev.inbound.http;

import dev.inbound.store.MailEnvelope;
import dev.inbound.store.StoredMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the message API returns, as records Jackson writes with these field names; the
 * OpenAPI file {@code openapi.yaml} describes the same.
 */
final class MessageJson {
    private MessageJson() {
    }

    /** One message in a list. */
    record Summary(String id, String received, String mailFrom, List<String> rcptTos, String from, List<String> to,
            String subject, int size) {
        static Summary of(StoredMessage message) {
            return new Summary(message.id(), message.received().toString(), message.envelope().mailFrom(),
                    message.envelope().rcptTos(), firstHeader(message, "From"), MessageFilter.headerAddresses(message,
                            "To"), subjectOf(message), message.size());
        }
    }

    /** {@code GET /api/messages} and {@code /wait}: how many matched, and the first of them, newest first. */
    record Listing(int total, List<Summary> messages) {
        static Listing of(List<StoredMessage> matching, int limit) {
            return new Listing(matching.size(),
                    matching.stream().limit(limit).map(Summary::of).toList());
        }
    }

    record Header(String name, String value) {
    }

    record Attachment(int index, String filename, String contentType, long size) {
    }

    /** {@code GET /api/messages/{id}}. */
    record Detail(String id, String received, int size, MailEnvelope envelope, List<Header> headers, String subject,
            String text, String html, List<Attachment> attachments) {
        static Detail of(StoredMessage message) throws MessagingException, IOException {
            MimeParts parts = MimeParts.of(message.mimeMessage());
            List<Header> headers = new ArrayList<>();
            for (jakarta.mail.Header header : Collections.list(message.headers().getAllHeaders())) {
                headers.add(new Header(header.getName(), decoded(header.getValue())));
            }
            List<Attachment> attachments = new ArrayList<>();
            for (Part part : parts.attachments()) {
                attachments.add(new Attachment(attachments.size(), filename(part), baseType(part), decodedSize(part)));
            }
            return new Detail(message.id(), message.received().toString(), message.size(), message.envelope(),
                    headers, subjectOf(message), parts.text(), parts.html(), attachments);
        }
    }

    record Error(String error) {
    }

    static String subjectOf(StoredMessage message) {
        String subject = firstHeader(message, "Subject");
        return subject == null ? "" : subject;
    }

    /** The first header called {@code name}, unfolded and decoded, or null. */
    static String firstHeader(StoredMessage message, String name) {
        String value = message.headers().getHeader(name, null);
        return value == null ? null : decoded(value);
    }

    /** An RFC 2047 header value as text; one that does not decode stays as it was. */
    private static String decoded(String value) {
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }

    /** The attachment's file name, decoded, or null. */
    static String filename(Part part) throws MessagingException {
        String name = part.getFileName();
        return name == null ? null : decoded(name);
    }

    /** The content type without parameters, such as {@code application/pdf}. */
    static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private static long decodedSize(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
