package org.supportdesk.inbound;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * R5 "no reply loops": recognises automatic mail — auto-replies, bounces, out-of-office notices, list and bulk
 * mail — which must neither be answered nor reopen a ticket (RFC 3834 and the headers mail systems use).
 */
final class LoopGuard {

    private static final Pattern DAEMON = Pattern.compile("^(mailer-daemon|postmaster|no-?reply|bounces?)([+-].*)?@.*");
    /** Auto-responders put a fixed phrase and a colon before the original subject ("Automatic reply: …"). */
    private static final Pattern OUT_OF_OFFICE = Pattern.compile(
            "^((automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office( reply| notice)?|abwesenheitsnotiz"
                    + "|automatische antwort|réponse automatique|absence)\\s*:.*"
                    + "|out of (the )?office (until|till|from|on)\\b.*)",
            Pattern.CASE_INSENSITIVE);

    private LoopGuard() {
    }

    /** Why the message is automatic, or {@code null} for mail a person wrote. */
    static String automaticReason(MimeMessage message, InternetAddress from) throws MessagingException {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk|auto_reply")) {
            return "Precedence: " + precedence.strip();
        }
        for (String header : new String[]{"X-Auto-Response-Suppress", "List-Id", "List-Unsubscribe", "X-Autoreply",
                "X-Autorespond", "X-Failed-Recipients"}) {
            if (header(message, header) != null) {
                return header + " header";
            }
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "empty return path (a bounce)";
        }
        if (DAEMON.matcher(from.getAddress().toLowerCase(Locale.ROOT)).matches()) {
            return "sent by " + from.getAddress();
        }
        if (message.isMimeType("multipart/report")) {
            return "delivery or read report";
        }
        String subject = message.getSubject();
        if (subject != null && OUT_OF_OFFICE.matcher(subject.strip()).matches()) {
            return "out-of-office subject";
        }
        return null;
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
