package org.supportdesk.inbound;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

/**
 * Stores a message exactly as received, before anything else happens to it (Q2). Its key is the Message-ID, or a
 * hash of the bytes when there is none, so a second delivery (or a second node) stores nothing.
 */
@Component
class InboundMailStore {

    private final InboundMailRepository repository;
    private final Clock clock;

    InboundMailStore(InboundMailRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** @return whether the message was new */
    boolean store(String mailbox, byte[] raw) {
        String messageId = null;
        String sender = null;
        String subject = null;
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            messageId = clean(headers.getHeader("Message-ID", null), 998);
            sender = clean(address(headers.getHeader("From", null)), 254);
            subject = clean(decode(headers.getHeader("Subject", null)), 998);
        } catch (Exception unreadableHeaders) {
            // stored all the same, keyed by content; processing will say what is wrong with it
        }
        String key = messageId != null ? messageId : "sha256:" + sha256(withoutTraceHeaders(raw));
        return repository.insertIfNew(mailbox, perMailbox(mailbox, key), messageId, sender, subject, raw,
                clock.instant());
    }

    /**
     * What the mail server tells about a message without it being downloaded (IMAP ENVELOPE and RFC822.SIZE), and
     * where it is: the folder's UIDVALIDITY and the message's UID ({@code -1} when the server tells none).
     */
    record Envelope(String from, String subject, String messageId, long size, java.time.Instant sent, long uidValidity,
                    long uid) {
    }

    /**
     * Keeps a message that was not downloaded, FAILED with {@code reason}: only its envelope, in a few header lines
     * (never its body, nor its header block, which can be as large). Keyed by its Message-ID, or else by where it is in
     * the mailbox (UIDVALIDITY and UID, which no other message there shares, RFC 3501) and a hash of what is known of
     * it: fetching it again stores nothing, and two messages whose envelopes cannot be read are two. Returns whether
     * it was new.
     */
    boolean storeNotDownloaded(String mailbox, Envelope envelope, String reason) {
        String messageId = clean(envelope.messageId(), 998);
        String sender = clean(envelope.from(), 254);
        String subject = clean(envelope.subject(), 998);
        StringBuilder raw = new StringBuilder();
        line(raw, "From", sender);
        line(raw, "Subject", subject);
        line(raw, "Message-ID", messageId);
        line(raw, "Date", envelope.sent() == null ? null : envelope.sent().toString());
        line(raw, "X-Support-Desk-Size", String.valueOf(envelope.size()));
        line(raw, "X-Support-Desk-Not-Downloaded", reason);
        raw.append("\r\n");
        String known = sha256(String.join("\n", String.valueOf(sender), String.valueOf(subject),
                String.valueOf(envelope.sent()), String.valueOf(envelope.size()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String key = messageId != null ? messageId : envelope.uid() >= 0
                ? "uid:" + envelope.uidValidity() + ":" + envelope.uid() + " envelope:" + known
                // no UID (a server without UIDPLUS-style UIDs): this fetch's own key, as it is flagged seen at once
                : "envelope:" + known + " at:" + clock.instant() + ":" + java.util.UUID.randomUUID();
        return repository.insertFailedIfNew(mailbox, perMailbox(mailbox, key), messageId, sender, subject, envelope.size(),
                raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), clock.instant(), reason);
    }

    private static void line(StringBuilder raw, String name, String value) {
        if (value != null) {
            raw.append(name).append(": ").append(clean(value, 998)).append("\r\n");
        }
    }

    private static String address(String from) {
        try {
            jakarta.mail.internet.InternetAddress[] parsed = jakarta.mail.internet.InternetAddress.parseHeader(from, false);
            return parsed.length == 0 ? from : parsed[0].getAddress().toLowerCase(java.util.Locale.ROOT);
        } catch (Exception unparsable) {
            return from;
        }
    }

    private static String decode(String text) {
        try {
            return text == null ? null : MimeUtility.decodeText(text);
        } catch (Exception e) {
            return text;
        }
    }

    private static String clean(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip().replaceAll("\\s+", " ");
        return stripped.length() <= max ? stripped : stripped.substring(0, max);
    }

    private static final java.util.Set<String> TRACE_HEADERS = java.util.Set.of("return-path", "received",
            "delivered-to", "x-original-to", "x-greenmail-port", "authentication-results", "received-spf");

    /**
     * The message as its sender wrote it: every delivery adds its own Return-Path, Received and
     * Authentication-Results lines (RFC 8601 calls the last a trace field too), so without a Message-ID only the
     * rest tells a second delivery of the same message apart from a new one.
     */
    static byte[] withoutTraceHeaders(byte[] raw) {
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int bodyStart = end < 0 ? -1 : end + 4;
        if (end < 0) {
            end = text.indexOf("\n\n");
            bodyStart = end < 0 ? -1 : end + 2;
        }
        if (end < 0) {
            return raw;
        }
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : text.substring(0, end).split("\r?\n")) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                int colon = line.indexOf(':');
                skipping = colon > 0 && TRACE_HEADERS.contains(line.substring(0, colon).strip().toLowerCase());
            }
            if (!skipping) {
                kept.append(line).append('\n');
            }
        }
        kept.append('\n').append(text.substring(bodyStart));
        return kept.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Duplicates are recognised per mailbox: the same message sent to support@ and to the Extended Support address is
     * two copies, and the intake decides which one acts (the Extended Support one).
     */
    static String perMailbox(String mailbox, String key) {
        String keyed = mailbox.toLowerCase(java.util.Locale.ROOT) + " " + key;
        return keyed.length() <= 998 ? keyed : keyed.substring(0, 998);
    }
}
