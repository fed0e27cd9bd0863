package org.supportdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.supportdesk.Api;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.EngineTime;
import org.supportdesk.account.AccountMails;
import org.supportdesk.account.ExtendedSupportNotice;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.catalog.Product;
import org.supportdesk.inbound.AutomaticAnswers;
import org.supportdesk.mail.QueuedMails.Queued;
import org.supportdesk.ticket.Audience;
import org.supportdesk.ticket.TicketNotifier;
import org.supportdesk.ticket.TicketRepository;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

/**
 * R22: mail texts are template files, rendered from the models the application's own services build: the real
 * {@link TicketNotifier} for a real ticket, the account services, the mail intake's automatic answers. The
 * application's compiler prints a name it cannot resolve as nothing; here every template is rendered strictly, so a
 * template that names a key its service does not provide, or prints an empty value, fails.
 */
@SupportDeskTest
class MailTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/mail/templates");
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*[#^/]?\\s*([\\w.]+)\\s*}}");
    private static final Pattern TEMPLATE_INPUT =
            Pattern.compile("<camunda:inputParameter name=\"template\">([^<]*)</camunda:inputParameter>");
    private static final List<String> ACCOUNT_TEMPLATES = List.of("invitation", "password-reset", "password-changed");
    private static final List<String> ANSWER_TEMPLATES = List.of("email-not-accepted", "email-too-large");

    /** Unknown names, nulls and printed blanks are errors; otherwise as {@link MailTemplates} compiles. */
    private static final Mustache.Compiler STRICT = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true)
            .strictSections(true).withFormatter(value -> {
                String text = String.valueOf(value);
                if (text.isBlank()) {
                    throw new IllegalStateException("prints an empty value");
                }
                return text;
            });

    /**
     * What the process holds besides the ticket when a diagram's notify task sends these mails (the notify task
     * passes process variables on); each name must be written by a form, a diagram or the application's code.
     */
    private static final Map<String, Map<String, Object>> PROCESS_VARIABLES = Map.of(
            "new-sev1", Map.of("extendedSupport", true, "respondBy", "Monday 7 December 2026, 09:59 EST"),
            "auto-closed", Map.of("pendingSince", java.util.Date.from(java.time.Instant.parse("2026-11-02T15:00:00Z"))),
            "sev1-out-of-hours", Map.of("workStartsAt", "Wednesday 2 December 2026, 09:00 EST",
                    "respondBy", "Wednesday 2 December 2026, 10:00 EST"),
            "sev1-received", Map.of("respondBy", "Monday 7 December 2026, 09:59 EST"),
            "sev1-logs-request", Map.of("engineerNote", "The log shows a full disk."),
            "urgency-lowered", Map.of("engineerNote", "The server starts; only one report is slow."));

    /** A follow-up ticket with a request for information and the customer's answer: every fact a mail can name. */
    private static String number;
    private static long ticketId;
    private static Map<String, Object> notifierModel;
    private static List<Queued> accountAndAnswerMails;
    private static QueuedMails mails;

    @Autowired ApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Api api;
    @Autowired TicketRepository repository;

    private final MailTemplates templates = new MailTemplates();

    @BeforeEach
    void aTicketWithEverything() {
        if (mails != null) {
            return;
        }
        mails = new QueuedMails(context);
        TestFixtures.OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String rita = org.contact("rita");
        String original = tickets.file(rita);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Fixed in 1.2.");
        Api.Response followUp = api.as(rita).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "Slow again since 1.3."));
        assertThat(followUp.status()).as("follow-up filed").isEqualTo(201);
        number = followUp.json("$.number");
        tickets.triage(number, "HIGH", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Please send the server log.");
        assertThat(tickets.reply(rita, number, "Here is the log you asked for.").status()).isLessThan(300);
        ticketId = repository.findByNumber(number).orElseThrow().id();

        mails.create(TicketNotifier.class).notify(ticketId, "acknowledgement", List.of(Audience.CUSTOMER), Map.of());
        Map<String, ?> model = single(mails.take(), "acknowledgement").model();
        notifierModel = new HashMap<>();
        for (String name : placeholdersOfAllTemplates()) {
            if (model.containsKey(name)) {
                notifierModel.put(name, model.get(name));
            }
        }

        AccountMails.sendAll(mails, org.contact("nina"), "Olga Owner");
        AutomaticAnswers.sendAll(mails, "sam." + System.nanoTime() + "@stranger.example", org.contact("paula"));
        accountAndAnswerMails = mails.take();
    }

    @AfterAll
    static void closeWiring() {
        if (mails != null) {
            mails.close();
            mails = null;
        }
    }

    static Stream<String> ticketTemplates() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher input = TEMPLATE_INPUT.matcher(Files.readString(diagram, StandardCharsets.UTF_8));
                while (input.find()) {
                    String value = input.group(1).strip();
                    if (value.startsWith("${")) {
                        // an expression choosing between templates: ${empty followUpOf ? 'acknowledgement' : '…'}
                        Matcher quoted = Pattern.compile("'([\\w-]+)'").matcher(value);
                        while (quoted.find()) {
                            names.add(quoted.group(1));
                        }
                    } else {
                        names.add(value);
                    }
                }
            }
        }
        assertThat(names).as("templates of the diagrams' notify tasks").contains("acknowledgement", "new-sev1");
        return names.stream();
    }

    static Stream<String> templateNames() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length())).sorted().toList();
            assertThat(names).as("mail templates in " + TEMPLATES).isNotEmpty();
            return names.stream();
        }
    }

    @Test
    void everyTemplateIsOneThisTestRendersFromItsService() throws IOException {
        Set<String> covered = new TreeSet<>(ticketTemplates().toList());
        covered.addAll(ACCOUNT_TEMPLATES);
        covered.addAll(ANSWER_TEMPLATES);

        assertThat(covered).containsExactlyInAnyOrderElementsOf(templateNames().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ticketTemplates")
    void everyTicketMailRendersFromTheNotifiersModel(String name) {
        mails.create(TicketNotifier.class).notify(ticketId, name, List.of(Audience.CUSTOMER),
                PROCESS_VARIABLES.getOrDefault(name, Map.of()));
        Queued queued = single(mails.take(), name);

        assertRendersStrictly(name, queued.model());
        RenderedMail mail = templates.render(name, queued.model());
        assertThat(mail.subject()).contains("[" + number + "]").doesNotContain("{{").doesNotContain("\n");
        assertThat(mail.body()).isNotBlank().doesNotContain("{{").doesNotContain("}}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accountAndAnswerTemplates")
    void everyAccountMailAndAutomaticAnswerRendersFromItsServicesModel(String name) {
        Queued queued = single(accountAndAnswerMails, name);

        assertRendersStrictly(name, queued.model());
        RenderedMail mail = templates.render(name, queued.model());
        assertThat(mail.subject()).isNotBlank().doesNotContain("{{").doesNotContain("\n");
        assertThat(mail.body()).isNotBlank().doesNotContain("{{").doesNotContain("}}");
    }

    static Stream<String> accountAndAnswerTemplates() {
        return Stream.concat(ACCOUNT_TEMPLATES.stream(), ANSWER_TEMPLATES.stream());
    }

    @Test
    void processVariablesTheTemplatesCountOnAreWrittenByTheProcesses() throws IOException {
        String written = sources(Path.of("src/main/java"), ".java") + sources(Path.of("processes"), ".bpmn")
                + sources(Path.of("forms"), ".form");
        PROCESS_VARIABLES.values().stream().flatMap(variables -> variables.keySet().stream()).forEach(name -> {
            assertThat(written).as("something writes the process variable %s", name)
                    .containsAnyOf("\"" + name + "\"", "name=\"" + name + "\"");
            assertThat(notifierModel).as("%s is no fact of the ticket", name).doesNotContainKey(name);
        });
    }

    @Test
    void theStrictRenderingCatchesANameTheModelLacksAndAnEmptyValue() {
        Map<String, Object> model = new HashMap<>(notifierModel);
        model.remove("requesterName");
        assertThatCode(() -> STRICT.compile("Hello {{requesterName}}").execute(model))
                .isInstanceOf(MustacheException.class);
        model.put("requesterName", " ");
        assertThatCode(() -> STRICT.compile("Hello {{requesterName}}").execute(model))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> STRICT.compile("{{#agentMesage}}x{{/agentMesage}}").execute(model))
                .isInstanceOf(MustacheException.class);
    }

    @Test
    void r12_theBusinessHoursAMailStatesAreTheConfiguredOnes() {
        CalendarProperties otherHours = new CalendarProperties(LocalTime.of(8, 0), LocalTime.of(16, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), "US", List.of());

        Map<String, String> configured = hoursTexts(mails);
        Map<String, String> changed;
        try (QueuedMails withOtherHours = new QueuedMails(context, otherHours,
                new ExtendedSupportNotice(context.getBean(MessageSource.class), otherHours))) {
            changed = hoursTexts(withOtherHours);
        }

        assertThat(configured.get("acknowledgement"))
                .contains("Our business hours are 09:00 to 17:00 in your\nlocal time, Monday to Friday, except holidays.");
        assertThat(configured.get("sev1-out-of-hours"))
                .contains("(09:00-17:00 your local time, Monday to Friday, except holidays)");
        assertThat(changed.get("acknowledgement"))
                .contains("Our business hours are 08:00 to 16:30 in your\nlocal time, Monday to Thursday, except holidays.")
                .doesNotContain("09:00").doesNotContain("Friday");
        assertThat(changed.get("sev1-out-of-hours"))
                .contains("(08:00-16:30 your local time, Monday to Thursday, except holidays)")
                .doesNotContain("17:00").doesNotContain("Friday");
    }

    private Map<String, String> hoursTexts(QueuedMails wiring) {
        Map<String, String> bodies = new HashMap<>();
        for (String name : List.of("acknowledgement", "sev1-out-of-hours")) {
            wiring.create(TicketNotifier.class).notify(ticketId, name, List.of(Audience.CUSTOMER),
                    PROCESS_VARIABLES.getOrDefault(name, Map.of()));
            bodies.put(name, templates.render(name, single(wiring.take(), name).model()).body());
        }
        return bodies;
    }

    @Test
    void r14_theAutoCloseMailCountsTheBusinessDaysTheTicketWaitedInsteadOfWeeks() {
        // asked on Monday 2 November 2026 at 10:00 in New York; the ticket closes when engine time says
        EngineTime.setNewYork("2026-11-17T10:00"); // Veterans Day 11 November and the weekends do not count
        mails.create(TicketNotifier.class).notify(ticketId, "auto-closed", List.of(Audience.CUSTOMER),
                Map.of("pendingSince", java.util.Date.from(EngineTime.newYork("2026-11-02T10:00"))));

        assertThat(templates.render("auto-closed", single(mails.take(), "auto-closed").model()).body())
                .contains("did not receive the information we asked for within 10 business days.")
                .doesNotContain("weeks");
    }

    @Test
    void acknowledgementMentionsDiscouragedFilesOnlyWhenThereAreSome() {
        Map<String, Object> model = model();
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
        Map<String, Object> model = model();
        model.put("agentMessage", "Fixed by the upgrade to 1.2.");
        assertThat(templates.render("solved", model).body()).contains("Fixed by the upgrade to 1.2.");

        model.remove("agentMessage");
        String withoutMessage = templates.render("solved", model).body();
        assertThat(withoutMessage).contains("We have closed " + number + " as solved.").doesNotContain("\n\n\n");

        model.put("agentMessage", "");
        assertThat(templates.render("solved", model).body()).isEqualTo(withoutMessage);
    }

    @Test
    void duplicateNoticeQuotesTheAgentOnlyWhenTheAgentWroteSomething() {
        Map<String, Object> model = model();
        model.put("agentMessage", "See SD-0999.");
        assertThat(templates.render("closed-duplicate", model).body()).contains("See SD-0999.");

        model.remove("agentMessage");
        assertThat(templates.render("closed-duplicate", model).body()).doesNotContain("See SD-0999.")
                .contains("already being handled in another ticket").doesNotContain("\n\n\n");
    }

    @Test
    void newTicketMailNamesTheOriginalOnlyForAFollowUp() {
        Map<String, Object> model = model();
        assertThat(templates.render("new-ticket", model).body())
                .contains(number + " (follow-up to " + model.get("followUpOf") + ")");

        model.remove("followUpOf");
        assertThat(templates.render("new-ticket", model).body()).contains("Ticket:       " + number + "\n")
                .doesNotContain("follow-up to");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"acknowledgement", "reminder-1", "reminder-2", "auto-closed", "follow-up-created",
            "new-ticket", "customer-replied", "sla-breach", "sev1-received", "sev1-out-of-hours",
            "sev1-extended-support", "sev1-logs-request", "new-sev1", "sev1-escalation", "outage-page",
            "outage-escalation", "password-reset", "password-changed"})
    void automaticMailsAreMarkedAutoGenerated(String name) {
        assertThat(templates.render(name, model()).autoSubmitted()).isEqualTo("auto-generated");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent-reply", "info-request"})
    void mailsAnAgentWroteAreNotMarkedAutomatic(String name) {
        assertThat(templates.render(name, model()).autoSubmitted()).isNull();
    }

    @Test
    void refusalIsAnAutomaticReply() {
        assertThat(templates.render("email-not-accepted", model()).autoSubmitted()).isEqualTo("auto-replied");
    }

    @Test
    void subjectCarriesTheTicketNumberAndSummary() {
        Map<String, Object> model = model();
        model.put("summary", "Policy evaluation fails");
        assertThat(templates.render("acknowledgement", model).subject())
                .isEqualTo("[" + number + "] We received your request: Policy evaluation fails");
        assertThat(templates.render("agent-reply", model).subject())
                .isEqualTo("Re: [" + number + "] Policy evaluation fails");
    }

    @Test
    void customerTextIsKeptVerbatimInPlainTextMail() {
        Map<String, Object> model = model();
        model.put("summary", "Login <b>fails</b> & \"hangs\"");
        model.put("customerMessage", "It says <b>Error</b> & 'stop' <script>x</script>");
        model.put("agentMessage", "Use <b>--force</b> & retry");

        assertThat(templates.render("acknowledgement", model).subject())
                .isEqualTo("[" + number + "] We received your request: Login <b>fails</b> & \"hangs\"");
        assertThat(templates.render("customer-replied", model).body())
                .contains("It says <b>Error</b> & 'stop' <script>x</script>").doesNotContain("&lt;").doesNotContain("&amp;");
        assertThat(templates.render("agent-reply", model).body()).contains("Use <b>--force</b> & retry");
    }

    @Test
    void multiLineAgentTextKeepsItsLines() {
        Map<String, Object> model = model();
        model.put("agentMessage", "Step 1: stop the server.\nStep 2: delete the cache.\n\nThen start it again.");

        assertThat(templates.render("agent-reply", model).body())
                .contains("Step 1: stop the server.\nStep 2: delete the cache.\n\nThen start it again.");
    }

    /** The notifier's model of the ticket (the keys any template names), to change one fact at a time. */
    private static Map<String, Object> model() {
        return new HashMap<>(notifierModel);
    }

    private static void assertRendersStrictly(String name, Map<String, ?> model) {
        String text;
        try {
            text = Files.readString(TEMPLATES.resolve(name + ".txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatCode(() -> STRICT.compile(text).execute(model))
                .as("%s.txt with the model its service built", name).doesNotThrowAnyException();
    }

    private static Queued single(List<Queued> queued, String template) {
        List<Queued> matching = queued.stream().filter(q -> q.template().equals(template)).toList();
        assertThat(matching).as("mails %s asked for", template).hasSize(1);
        return matching.get(0);
    }

    private static Set<String> placeholdersOfAllTemplates() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (String template : templateNames().toList()) {
                Matcher matcher = TAG.matcher(Files.readString(TEMPLATES.resolve(template + ".txt"), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private static String sources(Path folder, String suffix) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return String.join("\n", texts);
    }
}
