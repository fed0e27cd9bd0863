package org.supportdesk.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.MimeUtility;

/**
 * Text as mail clients show it (issue #24): raw UTF-8 in headers (RFC 6532), text whose charset is missing, wrong or
 * UTF-7. The rules: bytes that are valid UTF-8 and not plain ASCII are UTF-8 unless a multi-byte charset says
 * otherwise; bytes that are not are windows-1252 (the superset of Latin-1 that mail clients use for it).
 */
final class MailCharsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Charsets a mislabelled UTF-8 text is usually labelled with: UTF-8 bytes read in them give mojibake, not errors. */
    private static final Set<String> SINGLE_BYTE_LABELS = Set.of("us-ascii", "ascii", "iso-8859-1", "latin1",
            "iso-8859-15", "windows-1252", "cp1252");

    private static final Set<String> UTF_7 = Set.of("utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7",
            "csunicode11utf7");

    private MailCharsets() {
    }

    /**
     * A header value as the MIME library gives it (each byte one character, RFC 822 style) with raw 8-bit bytes read
     * as UTF-8, or as windows-1252 when they are not valid UTF-8; then its encoded words (RFC 2047) decoded.
     */
    static String header(String value) {
        if (value == null) {
            return null;
        }
        String text = utf7Words(MimeUtility.unfold(raw8Bit(value)));
        try {
            return MimeUtility.decodeText(text);
        } catch (java.io.UnsupportedEncodingException unknownCharset) {
            return text;
        }
    }

    private static final java.util.regex.Pattern ENCODED_WORD = java.util.regex.Pattern.compile(
            "=\\?([^?*]+)(?:\\*[^?]*)?\\?([QqBb])\\?([^?]*)\\?=");

    /** RFC 2047 encoded words in UTF-7 (which the MIME library cannot decode: no JDK charset) decoded in place. */
    static String utf7Words(String text) {
        java.util.regex.Matcher word = ENCODED_WORD.matcher(text);
        StringBuilder decoded = new StringBuilder();
        boolean any = false;
        while (word.find()) {
            if (!UTF_7.contains(word.group(1).toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            any = true;
            String encoded = word.group(3);
            byte[] bytes;
            try {
                bytes = word.group(2).equalsIgnoreCase("B") ? java.util.Base64.getMimeDecoder().decode(encoded)
                        : qDecode(encoded);
            } catch (IllegalArgumentException broken) {
                continue;
            }
            word.appendReplacement(decoded, java.util.regex.Matcher.quoteReplacement(
                    utf7(new String(bytes, StandardCharsets.US_ASCII))));
        }
        if (!any) {
            return text;
        }
        word.appendTail(decoded);
        return decoded.toString();
    }

    /** RFC 2047's "Q" encoding: {@code _} is a space, {@code =XX} a byte. */
    private static byte[] qDecode(String encoded) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && i + 2 < encoded.length()) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** Raw 8-bit characters (U+0080 to U+00FF, one per byte) read as UTF-8, else windows-1252; others unchanged. */
    static String raw8Bit(String value) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // already decoded text, not bytes
            }
            eightBit |= c >= 0x80;
        }
        return eightBit ? guess(value.getBytes(StandardCharsets.ISO_8859_1)) : value;
    }

    /** Text without a (known) charset: UTF-8 when it is valid UTF-8, else windows-1252. */
    static String guess(byte[] bytes) {
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, WINDOWS_1252);
    }

    /**
     * Text in its declared charset, unless that cannot be right: UTF-7 is decoded here (the JDK has no charset for
     * it); a missing or unknown charset is guessed; a charset that yields replacement characters, or a single-byte
     * charset on bytes that are valid UTF-8 beyond ASCII, gives way to UTF-8.
     */
    static String text(byte[] bytes, String declared) {
        String label = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT);
        if (UTF_7.contains(label)) {
            return utf7(new String(bytes, StandardCharsets.US_ASCII));
        }
        Charset charset = charset(label);
        if (charset == null) {
            return guess(bytes);
        }
        if (SINGLE_BYTE_LABELS.contains(label) && !isAscii(bytes) && isUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String text = new String(bytes, charset);
        if (text.indexOf('\uFFFD') >= 0) {
            return guess(bytes);
        }
        return text;
    }

    private static Charset charset(String label) {
        if (label.isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(label));
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * UTF-7 (RFC 2152): {@code +} starts modified base64 of UTF-16 code units, ended by {@code -} (dropped) or any
     * character outside base64; {@code +-} is a plus sign. Bits left over at the end of a run are dropped.
     */
    static String utf7(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            int bits = 0;
            int count = 0;
            int j = i + 1;
            for (; j < encoded.length(); j++) {
                int value = BASE64.indexOf(encoded.charAt(j));
                if (value < 0) {
                    break;
                }
                bits = (bits << 6) | value;
                count += 6;
                if (count >= 16) {
                    count -= 16;
                    out.append((char) ((bits >>> count) & 0xFFFF));
                }
            }
            if (j == i + 1) {
                out.append('+'); // "+-" (or a lone "+")
            }
            i = j < encoded.length() && encoded.charAt(j) == '-' ? j + 1 : j;
        }
        return out.toString();
    }
}
