package org.supportdesk.inbound;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The content inside an S/MIME {@code application/pkcs7-mime; smime-type=signed-data} body: the CMS SignedData's
 * encapsulated content (RFC 5652 section 5), a MIME entity the desk then reads like any other. The signature is not
 * checked: whether the sender is who the From says is the receiving server's word (Authentication-Results,
 * {@link SenderAuthentication}), and a signature by a certificate nobody here trusts would add nothing. A small BER
 * reader of the JDK's bytes instead of a cryptography library: it reads only the path to the content.
 */
final class SignedContent {

    /** 1.2.840.113549.1.7.2, id-signedData. */
    private static final byte[] SIGNED_DATA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07,
            0x02};

    private final byte[] der;

    private SignedContent(byte[] der) {
        this.der = der;
    }

    /** The encapsulated content, or {@code null} when these bytes are not SignedData with its content inside. */
    static byte[] of(byte[] cms) {
        try {
            return new SignedContent(cms).content();
        } catch (RuntimeException notSignedData) {
            return null;
        }
    }

    private byte[] content() {
        Tlv contentInfo = read(0, 0x30);
        Tlv type = read(contentInfo.start, 0x06);
        if (!Arrays.equals(Arrays.copyOfRange(der, type.start, type.end), SIGNED_DATA)) {
            return null;
        }
        Tlv explicit = read(type.next, 0xA0);
        Tlv signedData = read(explicit.start, 0x30);
        Tlv version = read(signedData.start, 0x02);
        Tlv digestAlgorithms = read(version.next, 0x31);
        Tlv encapsulated = read(digestAlgorithms.next, 0x30);
        Tlv contentType = read(encapsulated.start, 0x06);
        if (contentType.next >= encapsulated.end) {
            return null; // detached: the content travels beside the signature (multipart/signed)
        }
        Tlv content = read(read(contentType.next, 0xA0).start, -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        octets(content, out);
        return out.toByteArray();
    }

    /** An OCTET STRING's bytes, primitive or constructed (BER splits long content into pieces). */
    private void octets(Tlv string, ByteArrayOutputStream out) {
        if (string.tag == 0x04) {
            out.write(der, string.start, string.end - string.start);
        } else if (string.tag == 0x24) {
            for (int at = string.start; at < string.end; ) {
                Tlv piece = read(at, -1);
                octets(piece, out);
                at = piece.next;
            }
        } else {
            throw new IllegalArgumentException("not an OCTET STRING");
        }
    }

    /**
     * @param start  where the content starts
     * @param end    where it ends (before the end-of-contents octets of an indefinite length)
     * @param next   where the next element starts
     */
    private record Tlv(int tag, int start, int end, int next) {
    }

    /** The element at {@code at}, which must have tag {@code expected} (any when negative). */
    private Tlv read(int at, int expected) {
        int tag = der[at] & 0xFF;
        if ((tag & 0x1F) == 0x1F || (expected >= 0 && tag != expected)) {
            throw new IllegalArgumentException("unexpected tag");
        }
        int first = der[at + 1] & 0xFF;
        int start = at + 2;
        if (first == 0x80) { // indefinite length: the children up to two zero bytes
            int child = start;
            while (der[child] != 0 || der[child + 1] != 0) {
                child = read(child, -1).next;
            }
            return new Tlv(tag, start, child, child + 2);
        }
        int length = first;
        if (first > 0x80) {
            int bytes = first & 0x7F;
            if (bytes > 4) {
                throw new IllegalArgumentException("too long");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[start++] & 0xFF);
            }
        }
        if (length < 0 || start + length > der.length) {
            throw new IllegalArgumentException("truncated");
        }
        return new Tlv(tag, start, start + length, start + length);
    }
}
