package org.supportdesk.ticket;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How ticket texts read in Tasklist forms and in mails: plain text, never markup. */
public final class TicketTexts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.ENGLISH);

    private TicketTexts() {
    }

    public static String request(Ticket ticket) {
        StringBuilder text = new StringBuilder(ticket.description());
        section(text, "Steps to reproduce", ticket.stepsToReproduce());
        section(text, "Desired outcome", ticket.desiredOutcome());
        if (ticket.businessImpact() == BusinessImpact.HIGH) {
            section(text, "Higher business impact", ticket.businessImpactStatement());
        }
        return text.toString();
    }

    public static String conversation(List<TicketMessage> messages, ZoneId zone) {
        if (messages.isEmpty()) {
            return "(no messages yet)";
        }
        StringBuilder text = new StringBuilder();
        for (TicketMessage message : messages) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append("— ").append(when(message, zone)).append(" · ").append(message.authorName())
                    .append(switch (message.authorType()) {
                        case AGENT -> " (support)";
                        case CUSTOMER -> message.channel() == Channel.EMAIL ? " (customer, by email)" : " (customer)";
                        case SYSTEM -> "";
                    })
                    .append(" —\n").append(message.body());
        }
        return text.toString();
    }

    /** Internal notes for the Tasklist forms (staff only), oldest first, like the conversation. */
    public static String notes(List<TicketNote> notes, ZoneId zone) {
        if (notes.isEmpty()) {
            return "(no internal notes)";
        }
        StringBuilder text = new StringBuilder();
        for (TicketNote note : notes) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append("— ").append(WHEN.format(note.createdAt().atZone(zone))).append(" · ")
                    .append(note.authorName()).append(" (internal note) —\n").append(note.body());
        }
        return text.toString();
    }

    public static String attachments(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        for (Attachment a : attachments) {
            text.append(a.fileName()).append(" — ").append(size(a.size())).append(", ").append(a.contentType())
                    .append(a.discouraged() ? ", discouraged type" : "")
                    .append("\n    SHA-256 ").append(a.sha256())
                    .append("\n    download: /api/staff/tickets/").append(TicketNumber.of(a.ticketId()))
                    .append("/attachments/").append(a.id()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String when(TicketMessage message, ZoneId zone) {
        return WHEN.format(message.createdAt().atZone(zone));
    }

    private static void section(StringBuilder text, String title, String body) {
        if (body != null && !body.isBlank()) {
            text.append("\n\n").append(title).append(":\n").append(body);
        }
    }
}
