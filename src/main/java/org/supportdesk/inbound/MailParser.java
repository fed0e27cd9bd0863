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
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads a stored RFC 822 message: sender, thread ids, plain text (HTML converted), attachments, loop signs, what the
 * receiving server says about the sender. Bounded: MIME parts nest at most {@value #MAX_DEPTH} levels deep and a
 * message has at most {@value #MAX_PARTS} parts; beyond that it cannot be read (a person's mail never comes near).
 * <p>
 * Lenient (issue #24): the MIME library's lenient switches are on ({@link LenientMime}); a part that still cannot be
 * decoded is kept undecoded as an attachment ({@code part-3.bin}, the original {@code message.eml} when not even the
 * message's structure can be read) and {@link ParsedMail#malformed()} tells staff which and how. Text is read as mail
 * clients show it ({@link MailCharsets}): raw UTF-8 headers, missing or wrong charsets, UTF-7; the HTML part when the
 * plain one is blank; the content of S/MIME signed mail ({@link SignedContent}).
 */
@Component
public class MailParser {

    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 500;

    static {
        LenientMime.install();
    }

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    /** @throws MalformedMail when not even leniently can the message be read as someone's mail */
    public ParsedMail parse(byte[] raw) throws MalformedMail {
        try {
            return read(raw);
        } catch (MalformedMail unreadable) {
            throw unreadable;
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            throw new MalformedMail("The message's headers cannot be read: " + reason(unreadable), unreadable);
        }
    }

    private ParsedMail read(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        InternetAddress from = firstAddress(message.getFrom());
        if (from == null || from.getAddress() == null || !from.getAddress().contains("@")) {
            throw new MalformedMail("The message has no usable From address");
        }
        Body body = new Body();
        try {
            collect(message, body, 0);
        } catch (TooComplex beyondTheBounds) {
            // none of its parts is read (that is the bound), but the mail is not lost: its text as far as it can be
            // read without parsing, and the original for staff
            body = new Body();
            body.plain = salvagedText(message);
            body.attachments.add(new ParsedMail.MailAttachment("message.eml", "message/rfc822", raw));
            body.malformed.add(beyondTheBounds.getMessage() + "; none of its parts was read, the original message is"
                    + " attached as message.eml");
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // not even the structure: whatever text there is, and the original message for staff
            if (body.plain == null && body.html == null) {
                body.plain = salvagedText(message);
            }
            body.attachments.add(new ParsedMail.MailAttachment("message.eml", "message/rfc822", raw));
            body.malformed.add("The mail's MIME structure could not be read (" + reason(unreadable)
                    + "); the original message is attached as message.eml");
        }
        String text = body.plain != null && !body.plain.isBlank() ? body.plain
                : body.html != null ? htmlToText(body.html) : body.plain == null ? "" : body.plain;
        String[] authenticationResults = message.getHeader(SenderAuthentication.HEADER);
        return new ParsedMail(message.getMessageID(), references(message), from.getAddress().toLowerCase(Locale.ROOT),
                personal(from), addresses(message.getRecipients(MimeMessage.RecipientType.CC)),
                MailCharsets.header(message.getHeader("Subject", null)), text.strip(), body.attachments,
                LoopGuard.automaticReason(message, from), allAddresses(message.getFrom()),
                authenticationResults == null ? List.of() : List.of(authenticationResults),
                addresses(message.getRecipients(MimeMessage.RecipientType.TO)), List.copyOf(body.malformed));
    }

    /** The sender's name with raw UTF-8 read as UTF-8 (the MIME library reads raw header bytes as Latin-1). */
    private static String personal(InternetAddress from) {
        return from.getPersonal() == null ? null : MailCharsets.raw8Bit(from.getPersonal());
    }

    /**
     * The body of a message whose structure cannot be read, as text, when it looks like text (at most 64 KiB, no NUL
     * bytes), up to the first line that would start a MIME part; otherwise none (the original is attached anyway).
     */
    private static String salvagedText(MimeMessage message) {
        try (InputStream in = message.getRawInputStream()) {
            byte[] body = in.readNBytes(SALVAGE_MAX + 1);
            String text = MailCharsets.guess(body);
            if (body.length > SALVAGE_MAX || text.indexOf('\0') >= 0) {
                return null;
            }
            // up to the first line that looks like a MIME delimiter: what follows is parts, not prose
            int delimiter = text.startsWith("--") ? 0 : text.indexOf("\n--");
            String prose = delimiter < 0 ? text : text.substring(0, delimiter);
            return prose.isBlank() ? null : prose;
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static final int SALVAGE_MAX = 64 * 1024;

    /** What went wrong, for staff: the library's words, or the kind of error when it has none. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
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
        if (depth == 0) {
            read(part, body, depth, body.parts);
            return;
        }
        int number = body.parts;
        try {
            read(part, body, depth, number);
        } catch (TooComplex limit) {
            throw limit;
        } catch (MessagingException | IOException | RuntimeException undecodable) {
            // the part stays as it came, for staff to look at; the rest of the mail is read
            String name = "part-" + number + ".bin";
            body.attachments.add(new ParsedMail.MailAttachment(name, "application/octet-stream", rawBytes(part)));
            body.malformed.add("Part " + number + " (" + describe(part) + ") could not be read ("
                    + reason(undecodable) + "); it is attached undecoded as " + name);
        }
    }

    private void read(Part part, Body body, int depth, int number) throws MessagingException, IOException {
        String disposition = disposition(part);
        String fileName = fileName(part);
        byte[] signedContent = isSignedData(part) ? SignedContent.of(bytes(part)) : null;
        if (part.isMimeType("multipart/*")) {
            if (depth >= MAX_DEPTH) {
                throw new TooComplex("The message nests MIME parts more than " + MAX_DEPTH + " levels deep;"
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
            if (count == 0 && !isBlank(part)) {
                // the lenient library reads a multipart without any delimiter as empty: its text is not lost
                throw new MessagingException("A multipart without any part");
            }
            if (body.parts + count > MAX_PARTS) {
                throw tooManyParts();
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, body, depth + 1);
            }
        } else if (isSignature(part)) {
            // the detached signature of multipart/signed: the content beside it is read (see SignedContent)
            return;
        } else if (signedContent != null) {
            if (depth >= MAX_DEPTH) {
                throw new TooComplex("The message nests MIME parts more than " + MAX_DEPTH + " levels deep;"
                        + " the desk reads at most " + MAX_DEPTH);
            }
            collect(new MimeBodyPart(new ByteArrayInputStream(signedContent)), body, depth + 1);
        } else if (fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
            String baseType = baseType(part);
            body.attachments.add(new ParsedMail.MailAttachment(fileName == null
                    ? fallbackName(body.attachments.size() + 1, baseType) : fileName, baseType, bytes(part)));
        } else if ((part.isMimeType("text/plain") || part.isMimeType("application/plain"))
                && (body.plain == null || body.plain.isBlank())) {
            // application/plain: how some S/MIME clients label the text inside the signature
            body.plain = text(part);
        } else if (part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        } else if (part.isMimeType("message/rfc822")) {
            body.attachments.add(new ParsedMail.MailAttachment("forwarded.eml", "message/rfc822", bytes(part)));
        }
    }

    private static boolean isBlank(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            int b;
            while ((b = in.read()) != -1) {
                if (b > ' ') {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isSignature(Part part) throws MessagingException {
        return part.isMimeType("application/pkcs7-signature") || part.isMimeType("application/x-pkcs7-signature");
    }

    /**
     * S/MIME that may be signed data with the content inside ({@code smime-type=signed-data}, RFC 8551 section
     * 3.5.2; older clients leave the parameter out). Encrypted S/MIME (enveloped-data) stays an attachment.
     */
    private static boolean isSignedData(Part part) throws MessagingException {
        if (!part.isMimeType("application/pkcs7-mime") && !part.isMimeType("application/x-pkcs7-mime")) {
            return false;
        }
        String smimeType = parameter(part, "smime-type");
        return smimeType == null || "signed-data".equalsIgnoreCase(smimeType.strip());
    }

    /** A part in words for staff: its type and file name as they came. */
    private static String describe(Part part) {
        String type;
        try {
            type = baseType(part);
        } catch (RuntimeException | MessagingException unreadable) {
            type = "no readable type";
        }
        String name = fileName(part);
        return name == null ? type : type + ", \"" + name + "\"";
    }

    /** A part's bytes as they are in the message, transfer encoding and all; nothing when even that fails. */
    private static byte[] rawBytes(Part part) {
        try (InputStream in = part instanceof MimeBodyPart mime ? mime.getRawInputStream() : part.getInputStream()) {
            return in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return new byte[0];
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String parameter(Part part, String name) {
        try {
            return new ContentType(part.getContentType()).getParameter(name);
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    /** An attachment without a (usable) name: {@code attachment-2.pdf}, the extension from its content type. */
    static String fallbackName(int number, String contentType) {
        return "attachment-" + number + "." + EXTENSIONS.getOrDefault(contentType, "bin");
    }

    private static final java.util.Map<String, String> EXTENSIONS = java.util.Map.ofEntries(
            java.util.Map.entry("text/plain", "txt"), java.util.Map.entry("text/html", "html"),
            java.util.Map.entry("text/csv", "csv"), java.util.Map.entry("text/xml", "xml"),
            java.util.Map.entry("application/xml", "xml"), java.util.Map.entry("application/json", "json"),
            java.util.Map.entry("application/pdf", "pdf"), java.util.Map.entry("application/zip", "zip"),
            java.util.Map.entry("application/gzip", "gz"), java.util.Map.entry("image/png", "png"),
            java.util.Map.entry("image/jpeg", "jpg"), java.util.Map.entry("image/gif", "gif"),
            java.util.Map.entry("message/rfc822", "eml"), java.util.Map.entry("text/calendar", "ics"));

    /** The message is beyond what the desk reads at all: no part of it is kept as a stand-in. */
    static final class TooComplex extends MalformedMail {
        TooComplex(String message) {
            super(message);
        }
    }

    private static MessagingException tooManyParts() {
        return new TooComplex("The message has more than " + MAX_PARTS + " MIME parts; the desk reads at most "
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

    /** Text as a mail client shows it: its charset when that is right, else UTF-8 or windows-1252 (MailCharsets). */
    private static String text(Part part) throws MessagingException, IOException {
        return MailCharsets.text(bytes(part), parameter(part, "charset"));
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

    /**
     * The file name as the sender's client shows it (RFC 2231 parameters, RFC 2047 words, raw UTF-8), without
     * folders or control characters; {@code null} when there is none or nothing usable is left.
     */
    static String fileName(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException badHeader) {
            return null;
        }
        if (name == null) {
            return null;
        }
        name = MailCharsets.header(name.replace("\"", ""));
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\uFFFD]", "").strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
    }

    private static String baseType(Part part) throws MessagingException {
        String contentType = part.getContentType();
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+*-]+") ? type : "application/octet-stream";
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
        final List<String> malformed = new ArrayList<>();
    }
}
