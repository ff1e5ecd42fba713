package dev.inbound.http;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's parts as a reader sees them: the first plain text body, the first HTML body, and
 * every other leaf part as an attachment, numbered from 0 in the order they appear.
 *
 * <pre>{@code
 * MimeParts parts = MimeParts.of(stored.mimeMessage());
 * String text = parts.text();
 * }</pre>
 */
final class MimeParts {
    private String text;
    private String html;
    private final List<Part> attachments = new ArrayList<>();

    /** Multipart levels followed; real mail has a handful. */
    private static final int MAX_DEPTH = 32;

    private MimeParts() {
    }

    static MimeParts of(Part message) throws MessagingException, IOException {
        MimeParts parts = new MimeParts();
        parts.walk(message, 0);
        return parts;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        // Mail from anyone may nest multiparts thousands deep; past this it is listed as it is.
        if (part.isMimeType("multipart/*") && depth < MAX_DEPTH) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, depth + 1);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attached && text == null && part.isMimeType("text/plain")) {
            text = part.getContent().toString();
        } else if (!attached && html == null && part.isMimeType("text/html")) {
            html = part.getContent().toString();
        } else {
            attachments.add(part);
        }
    }

    /** The plain text body, decoded, or null. */
    String text() {
        return text;
    }

    /** The HTML body, decoded, or null. */
    String html() {
        return html;
    }

    List<Part> attachments() {
        return attachments;
    }
}
