package org.supportdesk.staffdesk;

import java.util.Arrays;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.supportdesk.staff.StaffGroup;

/**
 * A ticket's codes as staff read them: {@code label.<kind>.<CODE>} in {@code messages.properties} (products, topics,
 * concern types, impact, priorities, statuses, close reasons, channels); team queues by the names of their Camunda
 * groups, which Tasklist shows too.
 */
@Component
class CodeLabels {

    private final MessageSource messages;

    CodeLabels(MessageSource messages) {
        this.messages = messages;
    }

    String of(String kind, Enum<?> code) {
        return code == null ? none() : messages.getMessage("label." + kind + "." + code.name(), null, LocaleContextHolder.getLocale());
    }

    String team(String team) {
        if (team == null) {
            return none();
        }
        return Arrays.stream(StaffGroup.values()).filter(group -> group.id().equals(team)).findFirst()
                .map(StaffGroup::displayName).orElse(team);
    }

    private String none() {
        return messages.getMessage("label.none", null, LocaleContextHolder.getLocale());
    }
}
