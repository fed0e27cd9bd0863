package org.supportdesk;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.test.context.TestComponent;
import org.supportdesk.mail.MailDispatcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What the embedded mail server actually received. */
@TestComponent
public class Mailbox {

    private final GreenMail greenMail;
    private final Jobs jobs;
    private final MailDispatcher dispatcher;

    Mailbox(GreenMail greenMail, Jobs jobs, MailDispatcher dispatcher) {
        this.greenMail = greenMail;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
    }

    /** Sends what is queued and runs due jobs until neither has anything left (jobs may queue mail). */
    public void deliver() {
        for (int round = 0; round < 20; round++) {
            int sent = dispatcher.sendDue();
            int executed = jobs.executeDue();
            if (sent == 0 && executed == 0) {
                return;
            }
        }
    }

    /**
     * Delivers queued mail (and runs due jobs), then lists what reached {@code address}, To or Cc, oldest first. The
     * server keeps one copy per recipient; a mail counts once.
     */
    public List<Mail> to(String address) {
        deliver();
        java.util.Set<String> seen = new java.util.HashSet<>();
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> addressedTo(m, address))
                .map(Mail::new)
                .filter(m -> seen.add(String.valueOf(m.header("Message-ID"))))
                .toList();
    }

    public List<Mail> to(String address, String subjectContains) {
        return to(address).stream().filter(m -> m.subject().contains(subjectContains)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(r -> r.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Mail(MimeMessage message) {

        public String subject() {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The mail's text: its body, or the text part of a mail with attachments. */
        public String body() {
            try {
                Object content = message.getContent();
                String text = content instanceof String s ? s
                        : content instanceof jakarta.mail.Multipart multipart ? textOf(multipart)
                        : GreenMailUtil.getBody(message);
                return text.replace("\r\n", "\n");
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The files the mail carries as attachments, by file name, in order. */
        public java.util.Map<String, byte[]> attachments() {
            java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            try {
                if (message.getContent() instanceof jakarta.mail.Multipart multipart) {
                    collect(multipart, files);
                }
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return files;
        }

        private static String textOf(jakarta.mail.Multipart multipart) throws MessagingException, java.io.IOException {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() == null && part.getContent() instanceof String text) {
                    return text;
                }
                if (part.getContent() instanceof jakarta.mail.Multipart inner) {
                    String text = textOf(inner);
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        }

        private static void collect(jakarta.mail.Multipart multipart, java.util.Map<String, byte[]> files)
                throws MessagingException, java.io.IOException {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof jakarta.mail.Multipart inner) {
                    collect(inner, files);
                } else if (part.getFileName() != null) {
                    try (java.io.InputStream in = part.getInputStream()) {
                        files.put(jakarta.mail.internet.MimeUtility.decodeText(part.getFileName()), in.readAllBytes());
                    }
                }
            }
        }

        public String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        public List<String> recipients(Message.RecipientType type) {
            try {
                Address[] addresses = message.getRecipients(type);
                return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
