package org.supportdesk.staffdesk;

import java.util.Arrays;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.supportdesk.portal.Labels;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.Ticket;

/**
 * A ticket's codes as staff read them in Tasklist's Ticket tab: products, topics, concern types and priorities as the
 * portal and the agents' forms name them ({@link Labels}), team queues by their Camunda groups' names (as Tasklist and
 * the forms show them), and what only staff read in words (status, close reason, impact, channel) from
 * {@code label.<kind>.<CODE>} in {@code messages.properties}.
 */
@Component
class CodeLabels {

    private final MessageSource messages;
    private final Labels labels;

    CodeLabels(MessageSource messages, Labels labels) {
        this.messages = messages;
        this.labels = labels;
    }

    StaffDeskJson.Labels of(Ticket t) {
        return new StaffDeskJson.Labels(labels.product(t.product()), labels.topic(t.topic()),
                labels.concern(t.concernType()), of("businessImpact", t.businessImpact()),
                labels.priority(t.priority()), team(t.team()),
                t.isClosed() && t.closeReason() != null ? of("closeReason", t.closeReason()) : of("status", t.status()),
                of("channel", t.channel()));
    }

    /** {@code label.<kind>.<CODE>}; "Not set yet" for no code. */
    String of(String kind, Enum<?> code) {
        return messages.getMessage(code == null ? "label.none" : "label." + kind + "." + code.name(), null,
                LocaleContextHolder.getLocale());
    }

    String team(String team) {
        if (team == null) {
            return of("team", null);
        }
        return Arrays.stream(StaffGroup.values()).filter(group -> group.id().equals(team)).findFirst()
                .map(StaffGroup::displayName).orElse(team);
    }
}
