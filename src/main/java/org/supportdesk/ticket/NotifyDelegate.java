package org.supportdesk.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A notify task in a diagram: its {@code template} input names the mail text file, its {@code audience} input
 * says who gets it (one or more of {@link Audience}, comma-separated). Process variables are available to the template too (for example {@code eligibilityGuidance}).
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

    private final TicketNotifier notifier;

    /**
     * The process variables as the template asks for them, one by one: reading them all would deserialize every
     * long text of the ticket for each mail.
     */
    private static final class ProcessVariables extends java.util.AbstractMap<String, Object> {
        private final DelegateExecution execution;

        ProcessVariables(DelegateExecution execution) {
            this.execution = execution;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && execution.hasVariable(name);
        }

        @Override
        public Object get(Object key) {
            if (!containsKey(key)) {
                return null;
            }
            Object value = execution.getVariable((String) key);
            return value instanceof org.camunda.spin.json.SpinJsonNode ? LongText.read(value) : value;
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            throw new UnsupportedOperationException("process variables are read by name");
        }
    }

    NotifyDelegate(TicketNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = TicketVariables.text(execution, "template");
        List<Audience> audiences = Arrays.stream(TicketVariables.text(execution, "audience").split(","))
                .map(a -> Audience.valueOf(a.strip().toUpperCase(Locale.ROOT))).toList();
        notifier.notify(TicketVariables.ticketId(execution), template, audiences, new ProcessVariables(execution));
    }
}
