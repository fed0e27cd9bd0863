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
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a stored RFC 822 message: sender, thread ids, plain text (HTML converted), attachments, loop signs, what the
 * receiving server says about the sender.
 */
@Component
public class MailParser {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    public ParsedMail parse(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        InternetAddress from = firstAddress(message.getFrom());
        if (from == null || from.getAddress() == null || !from.getAddress().contains("@")) {
            throw new MessagingException("The message has no usable From address");
        }
        Body body = new Body();
        collect(message, body);
        String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
        String[] authenticationResults = message.getHeader(SenderAuthentication.HEADER);
        return new ParsedMail(message.getMessageID(), references(message), from.getAddress().toLowerCase(Locale.ROOT),
                from.getPersonal(), addresses(message.getRecipients(MimeMessage.RecipientType.CC)),
                decode(message.getSubject()), text.strip(), body.attachments, LoopGuard.automaticReason(message, from),
                allAddresses(message.getFrom()),
                authenticationResults == null ? List.of() : List.of(authenticationResults));
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

    private void collect(Part part, Body body) throws MessagingException, IOException {
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, body);
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
        String plain;
        String html;
        final List<ParsedMail.MailAttachment> attachments = new ArrayList<>();
    }
}
