package org.supportdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R22: mail texts are template files; every one renders, names its ticket and reads as plain text. */
class MailTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/mail/templates");
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*[#^/]?\\s*([\\w.]+)\\s*}}");

    private final MailTemplates templates = new MailTemplates();

    /**
     * What a template can count on: the model {@code TicketNotifier} builds from the ticket row, plus the process
     * variables a notify task passes on ({@code eligibilityGuidance} and {@code extendedSupport} of the eligibility
     * check, {@code workStartsAt}, {@code engineerNote} and {@code sev1DowngradeReason} of the SEV-1 path).
     */
    static Map<String, Object> fullModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("number", "SD-1001");
        model.put("summary", "Policy evaluation fails");
        model.put("status", "OPEN");
        model.put("priority", "HIGH");
        model.put("team", "team-lifecycle");
        model.put("product", "LIFECYCLE");
        model.put("topic", "CONFIGURATION");
        model.put("concernType", "PROBLEM");
        model.put("requesterName", "Rita Requester");
        model.put("requesterEmail", "rita@acme.example");
        model.put("organizationName", "Acme Corp");
        model.put("createdAt", "Tuesday 1 December 2026, 10:00 EST");
        model.put("description", "Evaluating the default policy fails with an error.");
        model.put("closeReason", "SOLVED");
        model.put("followUpOf", "SD-1000");
        model.put("portalUrl", "http://localhost:8080");
        model.put("ticketUrl", "http://localhost:8080/tickets/SD-1001");
        model.put("tasklistUrl", "http://localhost:8080/camunda/app/tasklist/");
        model.put("supportAddress", "support@support.example");
        model.put("agentMessage", "Please send the server log.");
        model.put("agentName", "Alex Agent");
        model.put("customerMessage", "Here is the log you asked for.");
        model.put("customerName", "Rita Requester");
        model.put("discouragedFiles", "report.docx");
        // process variables the notify tasks of the diagrams pass on
        model.put("eligibilityGuidance", "Only authorized contacts of a licensed organisation can file tickets.");
        model.put("extendedSupport", true);
        model.put("workStartsAt", "Wednesday 2 December 2026, 09:00 EST");
        model.put("engineerNote", "The log shows a full disk.");
        model.put("sev1DowngradeReason", "The server starts; only one report is slow.");
        // the automatic answers to mail that opened no ticket (EmailIntake)
        model.put("subject", "Help with [SD-1001]?");
        model.put("senderName", "Stranger");
        model.put("guidance", "Only authorized contacts of a licensed organisation can file tickets.");
        model.put("size", "30.0 MiB");
        model.put("limits", "20.0 MiB per file and 20.0 MiB per request");
        model.put("webLimits", "100.0 MiB per file and 250.0 MiB per request");
        // the invitation to a new member (Invitations)
        model.put("name", "Nina New");
        model.put("inviterName", "Olga Owner");
        model.put("link", "http://localhost:8080/invitations/abc");
        model.put("validDays", 7);
        // password resets and the notice of a changed password (PasswordResets)
        model.put("validMinutes", 60);
        model.put("resetLink", "http://localhost:8080/password-reset");
        return model;
    }

    static Stream<String> templateNames() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length())).sorted().toList();
            assertThat(names).as("mail templates in " + TEMPLATES).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateNames")
    void everyTemplateRendersWithTheTicketReferenceInTheSubject(String name) {
        RenderedMail mail = templates.render(name, fullModel());

        assertThat(mail.template()).isEqualTo(name);
        // answers to mail that opened no ticket carry the customer's own subject instead; account mails have no ticket
        assertThat(mail.subject()).contains(name.startsWith("email-") ? "Help with [SD-1001]?"
                        : name.equals("invitation") ? "Acme Corp invites you"
                        : name.startsWith("password-") ? "Support Desk password" : "[SD-1001]")
                .doesNotContain("{{").doesNotContain("\n");
        assertThat(mail.body()).isNotBlank().doesNotContain("{{").doesNotContain("}}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateNames")
    void everyPlaceholderOfATemplateIsFilledByTheModel(String name) throws IOException {
        // the compiler renders unknown names as "" without complaint: a typo would silently leave a gap in the mail
        Set<String> used = placeholders(name);

        assertThat(fullModel().keySet()).as("placeholders of %s.txt", name).containsAll(used);
    }

    @Test
    void acknowledgementMentionsDiscouragedFilesOnlyWhenThereAreSome() {
        Map<String, Object> model = fullModel();
        model.put("discouragedFiles", "report.docx, mail.msg");
        assertThat(templates.render("acknowledgement", model).body())
                .contains("you attached report.docx, mail.msg").contains("We kept the files this time.");

        model.put("discouragedFiles", null);
        assertThat(templates.render("acknowledgement", model).body())
                .doesNotContain("you attached").doesNotContain("We kept the files").doesNotContain("\n\n\n");

        model.remove("discouragedFiles");
        assertThat(templates.render("acknowledgement", model).body()).doesNotContain("you attached");
    }

    @Test
    void solvedNoticeQuotesTheAgentOnlyWhenTheAgentWroteSomething() {
        Map<String, Object> model = fullModel();
        model.put("agentMessage", "Fixed by the upgrade to 1.2.");
        assertThat(templates.render("solved", model).body()).contains("Fixed by the upgrade to 1.2.");

        model.remove("agentMessage");
        String withoutMessage = templates.render("solved", model).body();
        assertThat(withoutMessage).contains("We have closed SD-1001 as solved.").doesNotContain("\n\n\n");

        model.put("agentMessage", "");
        assertThat(templates.render("solved", model).body()).isEqualTo(withoutMessage);
    }

    @Test
    void duplicateNoticeQuotesTheAgentOnlyWhenTheAgentWroteSomething() {
        Map<String, Object> model = fullModel();
        model.put("agentMessage", "See SD-0999.");
        assertThat(templates.render("closed-duplicate", model).body()).contains("See SD-0999.");

        model.remove("agentMessage");
        assertThat(templates.render("closed-duplicate", model).body()).doesNotContain("See SD-0999.")
                .contains("already being handled in another ticket").doesNotContain("\n\n\n");
    }

    @Test
    void newTicketMailNamesTheOriginalOnlyForAFollowUp() {
        Map<String, Object> model = fullModel();
        assertThat(templates.render("new-ticket", model).body()).contains("SD-1001 (follow-up to SD-1000)");

        model.remove("followUpOf");
        assertThat(templates.render("new-ticket", model).body()).contains("Ticket:       SD-1001\n")
                .doesNotContain("follow-up to");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"acknowledgement", "reminder-1", "reminder-2", "auto-closed", "follow-up-created",
            "new-ticket", "customer-replied", "sla-breach", "sev1-received", "sev1-out-of-hours",
            "sev1-extended-support", "sev1-logs-request", "new-sev1", "sev1-escalation", "outage-page",
            "outage-escalation", "password-reset", "password-changed"})
    void automaticMailsAreMarkedAutoGenerated(String name) {
        assertThat(templates.render(name, fullModel()).autoSubmitted()).isEqualTo("auto-generated");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent-reply", "info-request"})
    void mailsAnAgentWroteAreNotMarkedAutomatic(String name) {
        assertThat(templates.render(name, fullModel()).autoSubmitted()).isNull();
    }

    @Test
    void refusalIsAnAutomaticReply() {
        assertThat(templates.render("email-not-accepted", fullModel()).autoSubmitted()).isEqualTo("auto-replied");
    }

    @Test
    void subjectCarriesTheTicketNumberAndSummary() {
        assertThat(templates.render("acknowledgement", fullModel()).subject())
                .isEqualTo("[SD-1001] We received your request: Policy evaluation fails");
        assertThat(templates.render("agent-reply", fullModel()).subject())
                .isEqualTo("Re: [SD-1001] Policy evaluation fails");
    }

    @Test
    void customerTextIsKeptVerbatimInPlainTextMail() {
        Map<String, Object> model = fullModel();
        model.put("summary", "Login <b>fails</b> & \"hangs\"");
        model.put("customerMessage", "It says <b>Error</b> & 'stop' <script>x</script>");
        model.put("agentMessage", "Use <b>--force</b> & retry");

        assertThat(templates.render("acknowledgement", model).subject())
                .isEqualTo("[SD-1001] We received your request: Login <b>fails</b> & \"hangs\"");
        assertThat(templates.render("customer-replied", model).body())
                .contains("It says <b>Error</b> & 'stop' <script>x</script>").doesNotContain("&lt;").doesNotContain("&amp;");
        assertThat(templates.render("agent-reply", model).body()).contains("Use <b>--force</b> & retry");
    }

    @Test
    void multiLineAgentTextKeepsItsLines() {
        Map<String, Object> model = fullModel();
        model.put("agentMessage", "Step 1: stop the server.\nStep 2: delete the cache.\n\nThen start it again.");

        assertThat(templates.render("agent-reply", model).body())
                .contains("Step 1: stop the server.\nStep 2: delete the cache.\n\nThen start it again.");
    }

    private static Set<String> placeholders(String name) throws IOException {
        String text = Files.readString(TEMPLATES.resolve(name + ".txt"), StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = TAG.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
