package org.supportdesk.ticket;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A notify task in a diagram: its {@code template} input names the mail text file, its {@code audience} input
 * says who gets it. Process variables are available to the template too (for example {@code eligibilityGuidance}).
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

    private final TicketNotifier notifier;

    NotifyDelegate(TicketNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = TicketVariables.text(execution, "template");
        Audience audience = Audience.valueOf(TicketVariables.text(execution, "audience").toUpperCase(Locale.ROOT));
        Map<String, Object> variables = new HashMap<>();
        execution.getVariables().forEach((name, value) -> variables.put(name, LongText.read(value)));
        notifier.notify(TicketVariables.ticketId(execution), template, audience, variables);
    }
}
