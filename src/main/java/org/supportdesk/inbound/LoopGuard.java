package org.supportdesk.inbound;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * R5 "no reply loops": recognises automatic mail — auto-replies, bounces, delivery and complaint reports,
 * out-of-office notices, list and bulk mail — which must neither be answered nor reopen a ticket (RFC 3834, RFC 2369,
 * RFC 2919, RFC 3464, RFC 5965 and the headers mail systems use).
 * <p>
 * From the top-level headers alone ({@link #fromHeaders(byte[])}): read before the body is parsed and before a usable
 * From is required, so that a bounce without a MIME boundary or list mail with a broken header is still recognised,
 * kept and never answered.
 */
final class LoopGuard {

    /** The header block is read from at most this many first bytes of the message. */
    static final int HEADER_BYTES = 256 * 1024;

    /** Local parts of robots: bounces, list software, postmasters (RFC 2142), no-reply senders. */
    private static final Pattern ROBOT = Pattern.compile(
            "^((mailer-daemon|postmaster|no-?reply|bounces?)([+-].*)?|owner-.+"
                    + "|.+-(admin|owner|request|bounces?)([+].*)?)$");
    /** Robot names written as the display name of an empty or missing address ({@code MAILER-DAEMON <>}). */
    private static final Pattern ROBOT_NAME = Pattern.compile("^\\W*(mailer-daemon|postmaster)\\b.*",
            Pattern.CASE_INSENSITIVE);
    /** Auto-responders put a fixed phrase and a colon before the original subject ("Automatic reply: …"). */
    private static final Pattern OUT_OF_OFFICE = Pattern.compile(
            "^((automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office( reply| notice)?|abwesenheitsnotiz"
                    + "|automatische antwort|réponse automatique|absence)\\s*:.*"
                    + "|out of (the )?office (until|till|from|on)\\b.*)",
            Pattern.CASE_INSENSITIVE);
    /**
     * Headers whose mere presence marks automatic mail: list software (RFC 2369, RFC 2919, fml, ezmlm), loop markers,
     * auto-responders, bounces, Hotmail's complaint reports (JMRP).
     */
    private static final String[] MARKERS = {"X-Auto-Response-Suppress", "List-Id", "List-Unsubscribe",
            "List-Subscribe", "List-Post", "List-Help", "List-Owner", "List-Archive", "X-Loop", "X-MLServer",
            "Mailing-List", "X-Autoreply", "X-Autorespond", "X-Failed-Recipients", "X-HmXmrOriginalRecipient"};
    private static final Pattern REPORT_TYPE = Pattern.compile("report-type\\s*=\\s*\"?([\\w-]+)",
            Pattern.CASE_INSENSITIVE);

    private LoopGuard() {
    }

    /**
     * Why the message is automatic, or {@code null} for mail a person wrote (or whose headers cannot be read): from
     * its top-level headers only, read from the first {@value #HEADER_BYTES} bytes. Never throws.
     */
    static String fromHeaders(byte[] raw) {
        InternetHeaders headers;
        try {
            int length = Math.min(raw.length, HEADER_BYTES);
            headers = new InternetHeaders(new ByteArrayInputStream(raw, 0, length));
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
        return reason(name -> {
            String[] values = headers.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        }, names(headers.getAllHeaders()));
    }

    /** Why the parsed message is automatic, or {@code null} for mail a person wrote. */
    static String automaticReason(MimeMessage message, InternetAddress from) throws MessagingException {
        return reason(name -> {
            try {
                String[] values = message.getHeader(name);
                return values == null || values.length == 0 ? null : values[0];
            } catch (MessagingException unreadable) {
                return null;
            }
        }, names(message.getAllHeaders()));
    }

    private static java.util.List<String> names(java.util.Enumeration<jakarta.mail.Header> headers) {
        java.util.List<String> names = new java.util.ArrayList<>();
        while (headers.hasMoreElements()) {
            names.add(headers.nextElement().getName());
        }
        return names;
    }

    private static String reason(Function<String, String> header, java.util.List<String> names) {
        String autoSubmitted = header.apply("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.isBlank()
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        String precedence = header.apply("Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk|auto_reply")) {
            return "Precedence: " + precedence.strip();
        }
        for (String marker : MARKERS) {
            if (header.apply(marker) != null) {
                return marker + " header";
            }
        }
        // X-ML-Name, X-ML-Count… (fml and other list software)
        for (String name : names) {
            if (name.regionMatches(true, 0, "X-ML-", 0, 5)) {
                return name + " header";
            }
        }
        String returnPath = header.apply("Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "empty return path (a bounce)";
        }
        String sender = robot(header.apply("From"));
        if (sender != null) {
            return sender;
        }
        String contentType = header.apply("Content-Type");
        if (contentType != null) {
            String type = contentType.strip().toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/report")) {
                Matcher reportType = REPORT_TYPE.matcher(type);
                String kind = reportType.find() ? reportType.group(1) : "";
                return kind.equals("feedback-report") ? "complaint report (ARF)"
                        : kind.equals("delivery-status") ? "delivery status report" : "delivery or read report";
            }
            if (type.startsWith("message/delivery-status")) {
                return "delivery status report";
            }
            if (type.startsWith("message/feedback-report")) {
                return "complaint report (ARF)";
            }
        }
        String subject = header.apply("Subject");
        if (subject != null && OUT_OF_OFFICE.matcher(decode(subject).strip()).matches()) {
            return "out-of-office subject";
        }
        return null;
    }

    /** "sent by …" when the From names a robot (also {@code MAILER-DAEMON <>}, or an empty {@code <>}). */
    private static String robot(String from) {
        if (from == null) {
            return null;
        }
        String written = from.strip();
        String address = null;
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(written, false);
            if (parsed.length > 0) {
                address = parsed[0].getAddress();
            }
        } catch (MessagingException | RuntimeException unparsable) {
            int open = written.lastIndexOf('<');
            int close = written.lastIndexOf('>');
            address = open >= 0 && close > open ? written.substring(open + 1, close) : written;
        }
        if (address != null && address.contains("@")) {
            String localPart = address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT);
            if (ROBOT.matcher(localPart).matches() || address.equalsIgnoreCase("staff@hotmail.com")) {
                return "sent by " + address;
            }
            return null;
        }
        if (ROBOT_NAME.matcher(written).matches() || written.replaceAll("\\s", "").endsWith("<>")) {
            return "sent by " + written;
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (Exception undecodable) {
            return text;
        }
    }
}
