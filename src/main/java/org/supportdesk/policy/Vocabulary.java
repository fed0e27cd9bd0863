package org.supportdesk.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.BusinessTime;
import org.supportdesk.ticket.TicketVariables;

/**
 * What a diagram may call: the published steps (delegates) and functions of the desk, the one list the deployment gate
 * checks every model against ({@link DeploymentGate}) and the table of docs/changing-the-policy.md shows
 * ({@link #markdown()}; a test keeps the two equal). Anything else a Camunda model could name — scripts, Java classes,
 * other Spring beans, method calls on any other object — is program, not policy, and is refused.
 */
public final class Vocabulary {

    /** Where the documentation of the vocabulary is, as refusals cite it. */
    public static final String DOCS = "docs/changing-the-policy.md";

    /** Where a published step may be used. */
    public enum Use {
        STEP("service task: `camunda:delegateExpression`"),
        TASK_LISTENER("user task's task listener: `camunda:delegateExpression`");

        private final String where;

        Use(String where) {
            this.where = where;
        }
    }

    /** A published step: a Java delegate the diagrams name with {@code ${name}}. */
    public record Step(String name, Use use, String does, String inputs, String example) {
    }

    /**
     * A published function: {@code bean.method(arguments)}; an argument named {@code execution} takes the diagram's
     * {@code execution} (or, in a task listener or a task's attribute, {@code task}).
     */
    public record Function(String bean, Class<?> type, String method, List<String> arguments, String does,
                           String example) {
        String signature() {
            return bean + "." + method + "(" + String.join(", ", arguments) + ")";
        }
    }

    /** A property of the execution an expression may read: {@code execution.name}. */
    public record Property(String name, String does, String example) {
    }

    public static final List<Step> STEPS = List.of(
            new Step("notify", Use.STEP, "Mails the ticket's people the text `src/main/resources/mail/templates/<template>.txt`",
                    "`template` (a mail text's name), `audience`: one or more of customer, team, assignee, managers, oncall, oncall_backup",
                    "`${notify}` with inputs template = `solved`, audience = `customer`"),
            new Step("setTicketStatus", Use.STEP, "Moves the ticket to a status (and, when closing, records why)",
                    "`toStatus`: NEW, OPEN, PENDING or CLOSED; `reason` when closing: SOLVED, DUPLICATE, NO_RESPONSE",
                    "`${setTicketStatus}` with input toStatus = `PENDING`"),
            new Step("recordRouting", Use.STEP, "Records the team queue and priority decided by routing or triage (variables `team`, `priority`)",
                    "none", "`${recordRouting}` after the routing decision"),
            new Step("recordAgentAction", Use.STEP, "Records the agent's answer from the work form (reply, note, question, solve, duplicate, re-triage; while PENDING solve, ask again, back to work) in `agentAction`",
                    "none", "`${recordAgentAction}` after the work task and the pending task"),
            new Step("retriageTicket", Use.STEP, "Moves the ticket to the work form's new priority and team queue",
                    "none", "`${retriageTicket}` on the path `agentAction == 'RETRIAGE'`"),
            new Step("recordSlaBreach", Use.STEP, "Records that the first-response target passed without an answer (R11)",
                    "none", "`${recordSlaBreach}` after the first-response timer"),
            new Step("recordSev1", Use.STEP, "Makes the ticket an URGENT outage in the SEV-1 queue (R18)",
                    "`sev1Team` (the queue's group)", "`${recordSev1}` with input sev1Team = `team-sev1`"),
            new Step("confirmOutage", Use.STEP, "Records the engineer's confirmation of a production outage; the ticket is OPEN with them",
                    "none", "`${confirmOutage}` on the path `outageDecision == 'CONFIRM'`"),
            new Step("downgradeOutage", Use.STEP, "Downgrades a reported outage to a standard ticket (R20)",
                    "none", "`${downgradeOutage}` on the path of a downgrade"),
            new Step("recordAcknowledgement", Use.STEP, "Records who acknowledged an Extended Support page; the paging stops (R21)",
                    "none", "`${recordAcknowledgement}` after the acknowledge task"),
            new Step("deliverMail", Use.STEP, "Sends one stored mail (the mail-delivery process)",
                    "none", "`${deliverMail}`"),
            new Step("trackAssignee", Use.TASK_LISTENER, "Keeps the ticket's assignee in step with Tasklist claims",
                    "event `assignment`", "`<camunda:taskListener delegateExpression=\"${trackAssignee}\" event=\"assignment\"/>`"));

    public static final List<Function> FUNCTIONS = List.of(
            new Function("businessTime", BusinessTime.class, "plusBusinessDays", List.of("execution", "from", "days"),
                    "`days` business days after the date `from`, at the same local time, in the ticket organisation's calendar (R12)",
                    "`${businessTime.plusBusinessDays(execution, pendingSince, 2)}`"),
            new Function("businessTime", BusinessTime.class, "firstResponseDue", List.of("execution"),
                    "the ticket's first-response target, from filing, for its current priority, as `response-targets.dmn` states it (R11)",
                    "`${businessTime.firstResponseDue(execution)}`"),
            new Function("businessTime", BusinessTime.class, "nextReplyDue", List.of("execution"),
                    "when support's answer to the customer's waiting reply is due: the reply's time plus the target `response-targets.dmn` states for the ticket's current priority, counted as the first response (R11 next reply); null when no reply waits",
                    "`${firstRespondedAt == null ? businessTime.firstResponseDue(execution) : businessTime.nextReplyDue(execution)}`"),
            new Function("businessTime", BusinessTime.class, "plusBusinessHours", List.of("execution", "from", "duration"),
                    "the moment the ISO `duration` of business time after the date `from` is used up, in the ticket organisation's calendar, counting from the next opening when `from` is outside business hours (R12, R18)",
                    "`${businessTime.plusBusinessHours(execution, receivedAt, 'PT1H')}`"),
            new Function("businessTime", BusinessTime.class, "plusHours", List.of("from", "duration"),
                    "the ISO `duration` after the date `from` on the clock, day and night (Extended Support, R21)",
                    "`${businessTime.plusHours(receivedAt, 'PT1H')}`"),
            new Function("businessTime", BusinessTime.class, "nextClosing", List.of("execution"),
                    "when the organisation's business hours end: those open now, or else those that open next (R19)",
                    "`${businessTime.nextClosing(execution)}`"),
            new Function("businessTime", BusinessTime.class, "describe", List.of("execution", "moment"),
                    "a date as the customer reads it, in the organisation's zone",
                    "`${businessTime.describe(execution, businessTime.plusBusinessHours(execution, receivedAt, 'PT1H'))}`"),
            new Function("businessTime", BusinessTime.class, "isOpen", List.of("execution"),
                    "whether the ticket's organisation is within business hours now",
                    "`${businessTime.isOpen(execution)}`"),
            new Function("businessTime", BusinessTime.class, "nextOpening", List.of("execution"),
                    "when the organisation's business hours next start (now, when open)",
                    "`${businessTime.nextOpening(execution)}`"),
            new Function("businessTime", BusinessTime.class, "describeNextOpening", List.of("execution"),
                    "the same as a customer reads it, in the organisation's zone",
                    "`${businessTime.describeNextOpening(execution)}`"));

    public static final List<Property> EXECUTION_PROPERTIES = List.of(
            new Property("processBusinessKey", "the ticket number (the business key of the ticket's process)",
                    "`<camunda:in businessKey=\"#{execution.processBusinessKey}\"/>`"));

    /**
     * Process variables that hold what agents wrote on a form (the ticket's other texts are in its tables, not in
     * variables). No expression or decision may read them: whatever an expression computes can end up where analysts
     * read it (a task's name or description, its candidate group, a decision's output), and analysts read no ticket
     * text (docs/security.md).
     */
    public static final Set<String> TEXT_VARIABLES = TicketVariables.AGENT_INPUTS;

    /** The names the engine gives the running step; an expression passes them to functions, it does not call them. */
    static final Set<String> SCOPES = Set.of("execution", "task");

    /** The groups a user task may name as candidates: the team queues and the staff who work tasks. */
    public static final Set<String> TASK_GROUPS = StaffGroup.taskGroups().stream().map(StaffGroup::id)
            .collect(Collectors.toUnmodifiableSet());

    /** The kinds of files a deployment may hold. */
    public static final List<String> RESOURCE_SUFFIXES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

    /** The form components Tasklist may show (form-js); no HTML, no frames, no images from elsewhere. */
    public static final Set<String> FORM_COMPONENTS = Set.of("default", "text", "textfield", "textarea", "number",
            "datetime", "checkbox", "checklist", "radio", "select", "taglist", "button", "group", "spacer",
            "separator", "dynamiclist", "table");

    private Vocabulary() {
    }

    static Optional<Step> step(String name) {
        return STEPS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static boolean isFunctionBean(String name) {
        return FUNCTIONS.stream().anyMatch(f -> f.bean().equals(name));
    }

    static Optional<Function> function(String bean, String method) {
        return FUNCTIONS.stream().filter(f -> f.bean().equals(bean) && f.method().equals(method)).findFirst();
    }

    static Optional<Property> executionProperty(String name) {
        return EXECUTION_PROPERTIES.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The names an expression may resolve to a bean: the published steps and function beans. */
    static Set<String> beanNames() {
        return Stream.concat(STEPS.stream().map(Step::name), FUNCTIONS.stream().map(Function::bean))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code base.method(…)} with {@code arguments} arguments is published (the engine's run-time check). */
    static boolean publishes(Object base, String method, int arguments) {
        return FUNCTIONS.stream().anyMatch(f -> f.type().isInstance(base) && f.method().equals(method)
                && f.arguments().size() == arguments);
    }

    /** The table of docs/changing-the-policy.md, section "The vocabulary". */
    public static String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| name | where | what it does | inputs / arguments | example |\n");
        table.append("|---|---|---|---|---|\n");
        for (Step step : STEPS) {
            table.append(row("`" + step.name() + "`", step.use().where, step.does(), step.inputs(), step.example()));
        }
        for (Function function : FUNCTIONS) {
            table.append(row("`" + function.signature() + "`", "any expression", function.does(),
                    function.arguments().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")),
                    function.example()));
        }
        for (Property property : EXECUTION_PROPERTIES) {
            table.append(row("`execution." + property.name() + "`", "any expression", property.does(), "none",
                    property.example()));
        }
        return table.toString();
    }

    private static String row(String... cells) {
        return Arrays.stream(cells).map(c -> c.replace("|", "\\|"))
                .collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
