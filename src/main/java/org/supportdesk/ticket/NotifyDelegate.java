package org.supportdesk.ticket;

import java.util.Arrays;
import java.util.HashMap;
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

    NotifyDelegate(TicketNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = TicketVariables.text(execution, "template");
        List<Audience> audiences = Arrays.stream(TicketVariables.text(execution, "audience").split(","))
                .map(a -> Audience.valueOf(a.strip().toUpperCase(Locale.ROOT))).toList();
        Map<String, Object> variables = new HashMap<>();
        execution.getVariables().forEach((name, value) ->
                variables.put(name, value instanceof org.camunda.spin.json.SpinJsonNode ? LongText.read(value) : value));
        notifier.notify(TicketVariables.ticketId(execution), template, audiences, variables);
    }
}
