package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.TestFixtures;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.BusinessImpact;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketView;
import org.supportdesk.ticket.Topic;

/** "Submit a request": the guided form, its advice, and every refusal next to its field with the text kept (R3–R8, R18, R19). */
@SupportDeskTest
class RequestFormPageTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired TicketRepository tickets;

    MockMvc mvc;
    OrgFixture org;
    String rita;
    String carl;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00"); // Tuesday, business hours in New York
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
    }

    @Test
    void r12_theFooterStatesTheConfiguredBusinessHoursAndWorkingDays() throws Exception {
        Document page = form(rita);

        assertThat(page.select(".site-footer").text()).contains(
                "Business hours are 09:00–17:00 in your organisation's time zone, Monday to Friday, except holidays.");
    }

    @Test
    void r12_otherConfiguredHoursAreWhatThePagesState() {
        org.springframework.ui.ModelMap model = new org.springframework.ui.ModelMap();
        CalendarProperties otherHours = new CalendarProperties(java.time.LocalTime.of(8, 0),
                java.time.LocalTime.of(16, 30), java.util.EnumSet.of(java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.WEDNESDAY, java.time.DayOfWeek.FRIDAY), "US", List.of());

        new Viewer(context.getBean(org.supportdesk.account.AccountRepository.class), context.getBean(Labels.class),
                context.getBean(org.supportdesk.mail.MailSettings.class), otherHours).addTo(model);

        assertThat(model.get("businessHours")).isEqualTo("08:00–16:30");
        assertThat(model.get("workingDays")).isEqualTo("Monday, Wednesday and Friday");
    }

    @Test
    void theFormGuidesTheCustomer() throws Exception {
        Document page = form(rita);

        assertThat(page.select("h1").text()).isEqualTo("Submit a request");
        assertThat(page.select(".guide").text()).contains("What a good ticket contains", "One ticket per distinct issue");
        assertThat(page.select("#product option").eachAttr("value")).containsExactly("", "REPOSITORY_MANAGER",
                "LIFECYCLE", "FIREWALL");
        assertThat(page.select("#product option[value=FIREWALL]").text()).isEqualTo("Firewall (no active licence)");
        assertThat(page.select("#topic optgroup[data-product=LIFECYCLE] option").eachAttr("value"))
                .contains("CONFIGURATION", "PERFORMANCE", "INTEGRATIONS");
        assertThat(page.select("#topic optgroup[data-product=LIFECYCLE] option[value=INTEGRATIONS]").text())
                .isEqualTo("CI, IDE and source control integrations");
        assertThat(page.select("input[name=concernType]").eachAttr("value")).containsExactly("QUESTION", "PROBLEM",
                "CRITICAL_OUTAGE", "CUSTOMER_ACCOUNT_CHANGE", "OTHER");
        assertThat(page.select("#concern-help-CRITICAL_OUTAGE").text()).contains("production system is down");
        assertThat(page.select("#outage").text())
                .contains("Attach the latest application log files from the failed start-up")
                .contains("its urgency is lowered to normal");
        for (String field : List.of("summary", "description", "stepsToReproduce", "desiredOutcome",
                "businessImpactStatement", "cc", "files", "supportZip")) {
            assertThat(page.select("label[for=" + field + "]")).as(field).hasSize(1);
        }
        assertThat(page.select("input[name=businessImpact]").eachAttr("value")).containsExactly("NORMAL", "HIGH");
        assertThat(page.select("input[name=businessImpact][checked]").val()).isEqualTo("NORMAL");
        assertThat(page.select("#files-hint").text()).contains("1.0 MiB per file and 2.0 MiB per request", ".doc, .docx, .msg");
        assertThat(page.select("form.request-form").attr("data-max-file-size")).isEqualTo("1048576");
        assertThat(page.select("form.request-form input[name=_csrf]")).hasSize(1);
    }

    @Test
    void inBusinessHoursAnOutageGoesStraightToTheSev1Queue() throws Exception {
        assertThat(form(rita).select(".outage-hours[data-product=LIFECYCLE]").text())
                .contains("within your business hours now").contains("within one hour");
    }

    @Test
    void r18_inBusinessHoursWithoutExtendedSupportTheFormSaysTheHourCountsBusinessHours() throws Exception {
        EngineTime.setNewYork("2026-12-04T16:59"); // Friday, a minute before closing

        assertThat(form(rita).select(".outage-hours[data-product=LIFECYCLE]").text())
                .contains("within one hour of business hours (09:00–17:00 your local time, working days)")
                .contains("counts from the next opening").doesNotContain("on-call");
    }

    @Test
    void r19_inBusinessHoursWithExtendedSupportTheFormSaysTheOnCallEngineerTakesOverAtClosing() throws Exception {
        String ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T16:59");

        assertThat(form(ella).select(".outage-hours[data-product=REPOSITORY_MANAGER]").text())
                .contains("within one hour").contains("on-call engineer is paged at closing");
    }

    @Test
    void outOfHoursWithoutExtendedSupportTheFormSaysWhenWorkStartsInTheCustomersZone() throws Exception {
        EngineTime.setNewYork("2026-12-05T22:00"); // Saturday night in New York

        assertThat(form(rita).select(".outage-hours[data-product=LIFECYCLE]").text())
                .contains("no Extended Support for Lifecycle")
                .contains("Monday 7 December 2026, 09:00 EST (America/New_York)");
    }

    @Test
    void r21_afterTheAddOnLapsedTheFormSaysNobodyIsPagedAndHowExtendedSupportWorks() throws Exception {
        OrgFixture lapsed = fixtures.organization()
                .licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), LocalDate.of(2026, 12, 4));
        String lena = lapsed.owner("lena");
        EngineTime.setNewYork("2026-12-04T23:59"); // the add-on's last minute in New York

        String lastDay = form(lena).select(".outage-hours[data-product=REPOSITORY_MANAGER]").text();
        EngineTime.setNewYork("2026-12-05T00:00");
        String dayAfter = form(lena).select(".outage-hours[data-product=REPOSITORY_MANAGER]").text();

        assertThat(lastDay).contains("Extended Support for Repository Manager").contains("paged at once");
        assertThat(dayAfter).contains("no Extended Support for Repository Manager")
                .contains("Monday 7 December 2026, 09:00 EST (America/New_York)")
                .contains("Extended Support gives 24x7 help with production outages that happen outside business"
                        + " hours (09:00–17:00 your local time, working days)");
    }

    @Test
    void outOfHoursWithExtendedSupportTheOnCallEngineerIsPaged() throws Exception {
        OrgFixture berlin = fixtures.organization("Europe/Berlin", "DE")
                .licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .activeLicence(Product.LIFECYCLE);
        String hans = berlin.owner("hans");
        EngineTime.setAt("2026-12-01T20:00", EngineTime.BERLIN);

        Document page = form(hans);

        assertThat(page.select(".outage-hours[data-product=REPOSITORY_MANAGER]").text())
                .contains("Extended Support for Repository Manager").contains("paged at once");
        assertThat(page.select(".outage-hours[data-product=LIFECYCLE]").text())
                .contains("Wednesday 2 December 2026, 09:00 CET (Europe/Berlin)");
        assertThat(page.select(".outage-hours[data-product=FIREWALL]")).isEmpty();
    }

    @Test
    void aCompleteRequestBecomesATicketAndOpensItsPage() throws Exception {
        MvcResult result = mvc.perform(submit(rita, valid(
                        "stepsToReproduce", "1. Open the policy\n2. Evaluate",
                        "desiredOutcome", "Evaluation works",
                        "businessImpact", "HIGH",
                        "businessImpactStatement", "Releases are blocked",
                        "cc", carl + ", "),
                        new MockMultipartFile("files", "server.log", "text/plain", "ERROR boom".getBytes()),
                        new MockMultipartFile("supportZip", "support.zip", "application/zip", new byte[]{1, 2, 3})))
                .andExpect(status().is3xxRedirection())
                .andReturn();

        String number = (String) result.getFlashMap().get("filed");
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/tickets/" + number);
        Ticket ticket = tickets.findByNumber(number).orElseThrow();
        assertThat(ticket.requesterEmail()).isEqualTo(rita);
        assertThat(ticket.product()).isEqualTo(Product.LIFECYCLE);
        assertThat(ticket.topic()).isEqualTo(Topic.CONFIGURATION);
        assertThat(ticket.concernType()).isEqualTo(ConcernType.PROBLEM);
        assertThat(ticket.stepsToReproduce()).isEqualTo("1. Open the policy\n2. Evaluate");
        assertThat(ticket.desiredOutcome()).isEqualTo("Evaluation works");
        assertThat(ticket.businessImpact()).isEqualTo(BusinessImpact.HIGH);
        assertThat(ticket.businessImpactStatement()).isEqualTo("Releases are blocked");
        assertThat(tickets.cc(ticket.id())).containsExactly(carl);
        assertThat(tickets.attachments(ticket.id())).extracting(Attachment::fileName)
                .containsExactly("server.log", "support.zip");

        Document page = Portal.html(mvc.perform(get("/tickets/" + number).with(Portal.as(rita))
                .flashAttr("filed", number)).andReturn());
        assertThat(page.select(".notice.success").text()).contains("We received your request " + number);
    }

    @Test
    void aMissingFieldIsMarkedAndEverythingTypedIsKept() throws Exception {
        Document page = refused(submit(rita, valid("summary", "", "stepsToReproduce", "Step one",
                "businessImpact", "HIGH", "cc", carl)), 400);

        assertThat(page.select("#summary-error").text()).isEqualTo("Please fill this in.");
        assertThat(page.select("#summary").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#form-error").text()).contains("everything you typed is still here");
        assertThat(page.select("#form-error a[href=#summary]")).hasSize(1);
        assertThat(page.select("#description").text()).isEqualTo("Evaluating the default policy fails.");
        assertThat(page.select("#stepsToReproduce").text()).isEqualTo("Step one");
        assertThat(page.select("#cc").val()).isEqualTo(carl);
        assertThat(page.select("#product option[selected]").val()).isEqualTo("LIFECYCLE");
        assertThat(page.select("#topic option[selected]").val()).isEqualTo("CONFIGURATION");
        assertThat(page.select("#topic option[selected]").parents().select("optgroup").attr("data-product"))
                .isEqualTo("LIFECYCLE");
        assertThat(page.select("input[name=concernType][checked]").val()).isEqualTo("PROBLEM");
        assertThat(page.select("input[name=businessImpact][checked]").val()).isEqualTo("HIGH");
        // the higher impact needs its statement, and says so too
        assertThat(page.select("#impact-statement .field-error").text()).isEqualTo("Please describe the impact on your business.");
    }

    @Test
    void aDiscouragedFileIsRefusedNextToTheFilesAndNothingIsFiled() throws Exception {
        long before = count(rita);

        Document page = refused(submit(rita, valid(),
                new MockMultipartFile("files", "notes.docx", "application/msword", new byte[]{1})), 400);

        assertThat(page.select("#files-error").text()).contains("notes.docx is a .docx file")
                .contains("PDF, plain text or compressed text");
        assertThat(page.select("#summary").val()).isEqualTo("Policy evaluation fails");
        assertThat(count(rita)).isEqualTo(before);
    }

    @Test
    void aFileOverTheLimitIsRefusedNextToTheFiles() throws Exception {
        Document page = refused(submit(rita, valid(),
                new MockMultipartFile("files", "huge.log", "text/plain", new byte[1024 * 1024 + 1])), 413);

        assertThat(page.select("#files-error").text()).contains("huge.log is 1.0 MiB")
                .contains("at most 1.0 MiB per file and 2.0 MiB per request");
        assertThat(page.select("#description").text()).isEqualTo("Evaluating the default policy fails.");
    }

    @Test
    void aCcOutsideTheOrganisationIsRefusedNextToTheField() throws Exception {
        Document page = refused(submit(rita, valid("cc", "stranger@elsewhere.example")), 400);

        assertThat(page.select("#cc-error").text())
                .isEqualTo("stranger@elsewhere.example is not a member of your organisation; only members can be copied.");
        assertThat(page.select("#cc").val()).isEqualTo("stranger@elsewhere.example");
    }

    @Test
    void aProductWithoutLicenceIsRefusedWithGuidanceAndTheTextKept() throws Exception {
        Document page = refused(submit(rita, valid("product", "FIREWALL")), 403);

        assertThat(page.select("#form-error").text()).contains("has no active licence for FIREWALL");
        assertThat(page.select("#summary").val()).isEqualTo("Policy evaluation fails");
    }

    @Test
    void aMemberWhoIsNotAContactIsToldWhoCanFile() throws Exception {
        String mona = org.member("mona", false, false);

        Document page = form(mona);

        assertThat(page.select("form.request-form")).isEmpty();
        assertThat(page.select(".notice.warning").text()).contains("Only authorized support contacts can file");
        assertThat(page.select("#who-can-file + p, .people").text()).contains(rita, carl);
        assertThat(page.text()).contains("How to become an authorized contact");
    }

    @Test
    void aMemberWhoIsNotAContactCannotFileByPostingEither() throws Exception {
        String mona = org.member("mona", false, false);

        Document page = refused(submit(mona, valid()), 403);

        assertThat(page.select("form.request-form")).isEmpty();
        assertThat(page.text()).contains("Only authorized support contacts can file");
    }

    @Test
    void anOwnerWhoIsNotAContactMayOnlyAskForAnAccountChange() throws Exception {
        String olga = org.member("olga", true, false);

        Document page = form(olga);

        assertThat(page.select("input[name=concernType]").eachAttr("value")).containsExactly("CUSTOMER_ACCOUNT_CHANGE");
        assertThat(page.select("input[name=concernType][checked]").val()).isEqualTo("CUSTOMER_ACCOUNT_CHANGE");
        assertThat(page.select(".notice.warning").text()).contains("Customer account change");
        mvc.perform(submit(olga, valid("concernType", "CUSTOMER_ACCOUNT_CHANGE")))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void withoutTheCsrfTokenNothingIsFiled() throws Exception {
        long before = count(rita);

        mvc.perform(form(valid()).with(Portal.as(rita)))
                .andExpect(status().isForbidden());

        assertThat(count(rita)).isEqualTo(before);
    }

    @Test
    void afterAnOversizeUploadTheFormStatesTheLimits() throws Exception {
        Document page = Portal.html(mvc.perform(get("/requests/new").param("tooLarge", "").with(Portal.as(rita)))
                .andExpect(status().isOk()).andReturn());

        assertThat(page.select("#files-error").text()).contains("at most 1.0 MiB per file and 2.0 MiB per request");
        assertThat(page.select("#form-error").text()).contains("Nothing was saved");
    }

    @Test
    void theRefusalTheApiAnswersWithIsShownAsFormErrorsByCode() throws Exception {
        java.util.Properties texts = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/messages.properties")) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }

        Document page = refused(submit(rita, valid("summary", " ", "product", "TOASTER",
                "description", "x".repeat(50_001), "cc", "not.an.address")), 400);

        assertThat(page.select("#product-error").text()).isEqualTo(texts.getProperty("form.field.not-one-of"));
        assertThat(page.select("#summary-error").text()).isEqualTo(texts.getProperty("form.field.required"));
        assertThat(page.select("#description-error").text())
                .isEqualTo(new java.text.MessageFormat(texts.getProperty("form.field.too-long")).format(new Object[]{50_000}))
                .isEqualTo("Too long: at most 50000 characters.");
        assertThat(page.select("#cc-error").text()).isEqualTo("'not.an.address' is not an email address.");
        assertThat(page.select("#form-error p").text()).isEqualTo(texts.getProperty("form.request.correct-fields"));
        assertThat(page.select("#form-error li a").eachAttr("href"))
                .containsExactly("#product", "#summary", "#description", "#cc");
    }

    @Test
    void requestsLeadsToMyActivities() throws Exception {
        mvc.perform(get("/requests").with(Portal.as(rita))).andExpect(redirectedUrl("/activities"));
    }

    private Document form(String email) throws Exception {
        return Portal.html(mvc.perform(get("/requests/new").with(Portal.as(email))).andExpect(status().isOk()).andReturn());
    }

    private Document refused(MockMultipartHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(Portal.body(result)).isEqualTo(status);
        return Portal.html(result);
    }

    private long count(String email) {
        return tickets.page(TicketView.MINE, email, org.id(), null, 0, 100).total();
    }

    /** A complete request, as the form sends it. */
    static Map<String, String> valid(String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("product", "LIFECYCLE");
        fields.put("topic", "CONFIGURATION");
        fields.put("concernType", "PROBLEM");
        fields.put("summary", "Policy evaluation fails");
        fields.put("description", "Evaluating the default policy fails.");
        fields.put("businessImpact", "NORMAL");
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return fields;
    }

    static MockMultipartHttpServletRequestBuilder form(Map<String, String> fields, MockMultipartFile... files) {
        MockMultipartHttpServletRequestBuilder request = multipart("/requests");
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        fields.forEach(request::param);
        return request;
    }

    private static MockMultipartHttpServletRequestBuilder submit(String email, Map<String, String> fields,
                                                                 MockMultipartFile... files) {
        MockMultipartHttpServletRequestBuilder request = form(fields, files);
        request.with(Portal.as(email)).with(csrf());
        return request;
    }
}
