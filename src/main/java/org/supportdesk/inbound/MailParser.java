package org.supportdesk.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a stored RFC 822 message: sender, thread ids, plain text (HTML converted), attachments, loop signs, what the
 * receiving server says about the sender. Bounded: MIME parts nest at most {@value #MAX_DEPTH} levels deep and a
 * message has at most {@value #MAX_PARTS} parts; beyond that it cannot be read (a person's mail never comes near).
 */
@Component
public class MailParser {

    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 500;

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    public ParsedMail parse(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        InternetAddress from = firstAddress(message.getFrom());
        if (from == null || from.getAddress() == null || !from.getAddress().contains("@")) {
            throw new MessagingException("The message has no usable From address");
        }
        Body body = new Body();
        collect(message, body, 0);
        String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
        String[] authenticationResults = message.getHeader(SenderAuthentication.HEADER);
        return new ParsedMail(message.getMessageID(), references(message), from.getAddress().toLowerCase(Locale.ROOT),
                from.getPersonal(), addresses(message.getRecipients(MimeMessage.RecipientType.CC)),
                decode(message.getSubject()), text.strip(), body.attachments, LoopGuard.automaticReason(message, from),
                allAddresses(message.getFrom()),
                authenticationResults == null ? List.of() : List.of(authenticationResults),
                addresses(message.getRecipients(MimeMessage.RecipientType.TO)));
    }

    private static List<String> references(MimeMessage message) throws MessagingException {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String header : new String[]{"In-Reply-To", "References"}) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            List<String> found = new ArrayList<>();
            Matcher matcher = MESSAGE_ID.matcher(String.join(" ", values));
            while (matcher.find()) {
                found.add(matcher.group());
            }
            // References lists oldest first; the most recent ids are the best match
            java.util.Collections.reverse(found);
            ids.addAll(found);
        }
        return List.copyOf(ids);
    }

    /** @param depth how many multiparts {@code part} is inside */
    private void collect(Part part, Body body, int depth) throws MessagingException, IOException {
        if (++body.parts > MAX_PARTS) {
            throw tooManyParts();
        }
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        if (part.isMimeType("multipart/*")) {
            if (depth >= MAX_DEPTH) {
                throw new MessagingException("The message nests MIME parts more than " + MAX_DEPTH + " levels deep;"
                        + " the desk reads at most " + MAX_DEPTH);
            }
            // the MIME library parses every part of a multipart at once: count them in the bytes first
            String boundary = boundary(part);
            if (boundary != null) {
                try (InputStream content = part.getInputStream()) {
                    if (delimiterLines(content, boundary, MAX_PARTS + 2) - 1 + body.parts > MAX_PARTS) {
                        throw tooManyParts();
                    }
                }
            }
            Multipart multipart = (Multipart) part.getContent();
            int count = multipart.getCount();
            if (body.parts + count > MAX_PARTS) {
                throw tooManyParts();
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, body, depth + 1);
            }
        } else if (fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
            body.attachments.add(new ParsedMail.MailAttachment(fileName == null ? "attachment" : fileName,
                    baseType(part.getContentType()), bytes(part)));
        } else if (part.isMimeType("text/plain") && body.plain == null) {
            body.plain = text(part);
        } else if (part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        } else if (part.isMimeType("message/rfc822")) {
            body.attachments.add(new ParsedMail.MailAttachment("forwarded.eml", "message/rfc822", bytes(part)));
        }
    }

    private static MessagingException tooManyParts() {
        return new MessagingException("The message has more than " + MAX_PARTS + " MIME parts; the desk reads at most "
                + MAX_PARTS);
    }

    private static String boundary(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("boundary");
        } catch (MessagingException | RuntimeException unreadable) {
            return null; // the MIME library says what is wrong when it reads the content
        }
    }

    /**
     * How many lines of the content are delimiter lines of {@code boundary} ({@code --boundary}, or the closing
     * {@code --boundary--}, then nothing but white space; RFC 2046 section 5.1.1), counting no further than
     * {@code max}. Reads the content once, in blocks, holding nothing.
     */
    static int delimiterLines(InputStream content, String boundary, int max) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] block = new byte[64 * 1024];
        int count = 0;
        int matched = 0; // bytes of the delimiter matched at the start of the current line; -1: not a delimiter line
        int dashes = 0; // after the delimiter: the "--" of the closing one
        boolean blank = false; // after the delimiter: white space only
        int read;
        while ((read = content.read(block)) != -1) {
            for (int i = 0; i < read; i++) {
                byte b = block[i];
                if (b == '\n') {
                    if (matched == delimiter.length && dashes != 1 && ++count >= max) {
                        return count;
                    }
                    matched = 0;
                    dashes = 0;
                    blank = false;
                } else if (matched < 0) {
                    continue;
                } else if (matched < delimiter.length) {
                    matched = b == delimiter[matched] ? matched + 1 : -1;
                } else if (b == '-' && !blank && dashes < 2) {
                    dashes++;
                } else if ((b == ' ' || b == '\t' || b == '\r') && dashes != 1) {
                    blank = true;
                } else {
                    matched = -1;
                }
            }
        }
        return matched == delimiter.length && dashes != 1 ? count + 1 : count;
    }

    /** Text in whatever charset it claims; an unknown charset is read as UTF-8 rather than stopping the mail. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (IOException unsupportedCharset) {
            // fall through to the raw bytes
        }
        return new String(bytes(part), StandardCharsets.UTF_8);
    }

    private static final String BREAK = "\uE000";

    static String htmlToText(String html) {
        org.jsoup.nodes.Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        // a private-use character marks the breaks: text() collapses real newlines, and customers' own text
        // (backslashes in paths, say) must stay as it is
        document.select("br").before(BREAK);
        document.select("p, div, li, tr, h1, h2, h3, h4").before(BREAK + BREAK);
        return document.text().replace(BREAK, "\n").replaceAll("[ \\t]*\n[ \\t]*", "\n").replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : decode(name);
        } catch (MessagingException badHeader) {
            return "attachment";
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(text);
        } catch (IOException e) {
            return text;
        }
    }

    private static InternetAddress firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        return Arrays.stream(addresses).filter(InternetAddress.class::isInstance).map(InternetAddress.class::cast)
                .findFirst().orElse(null);
    }

    /** Every address as written, none left out (two From addresses must not look like one). */
    private static List<String> allAddresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses).map(a -> a instanceof InternetAddress internet && internet.getAddress() != null
                ? internet.getAddress().toLowerCase(Locale.ROOT) : a.toString()).toList();
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses).filter(InternetAddress.class::isInstance)
                .map(a -> ((InternetAddress) a).getAddress()).filter(a -> a != null && a.contains("@"))
                .map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static final class Body {
        int parts;
        String plain;
        String html;
        final List<ParsedMail.MailAttachment> attachments = new ArrayList<>();
    }
}
