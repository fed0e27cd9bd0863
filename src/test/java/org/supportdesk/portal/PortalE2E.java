package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.Tickets;
import org.supportdesk.account.AccountService;
import org.supportdesk.ticket.FileTicket;
import org.supportdesk.ticket.TicketFiling;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketRequest;
import org.supportdesk.ticket.TicketStatus;

/**
 * The portal in a real browser (headless Chromium), as the demo customers of README use it. Runs in the Maven
 * profile {@code e2e} only: {@code ./mvnw -Pe2e verify}.
 */
@SupportDeskTest
class PortalE2E extends BrowserTests {

    static final String ALICE = "alice@acme.example";
    static final String BOB = "bob@acme.example";
    static final String ERIN = "erin@acme.example";
    static final String FRANK = "frank@acme.example";
    static final String CAROL = "carol@globex.example";
    static final String DEMO_PASSWORD = "demo";

    @LocalServerPort int port;
    @Autowired TicketFiling filing;
    @Autowired TicketRepository ticketRepository;
    @Autowired AccountService accounts;
    @Autowired Tickets tickets;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @Autowired org.supportdesk.TestFixtures fixtures;
    @Autowired org.supportdesk.Mailbox mailbox;



    @BeforeEach
    void signedOut() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday morning in Acme's New York: business hours
        browser.resize(1280, 900);
        browser.signOut();
    }

    @Test
    void aliceFilesATicketWithAnAttachmentAndSeesItInMyRequests() throws Exception {
        String summary = "Policy evaluation fails since the upgrade to 1.180";
        Path log = Files.createTempFile("server-", ".log");
        Files.writeString(log, "2026-12-01 09:58:01 ERROR PolicyEvaluator - evaluation failed\n");

        browser.signIn(ALICE, DEMO_PASSWORD);
        assertThat(browser.path()).isEqualTo("/activities");
        browser.screenshot("01-my-activities");
        browser.click("a[href='/requests/new']");
        browser.choose("#product", "Lifecycle");
        browser.choose("#topic", "Configuration: policies, applications, organisations");
        browser.click("label[for=concern-PROBLEM]");
        browser.type("#summary", summary);
        browser.type("#description", "Since the upgrade to 1.180, evaluating the default policy fails with"
                + " \"PolicyEvaluator - evaluation failed\". It worked on 1.179.");
        browser.type("#stepsToReproduce", "1. Open the Acme application\n2. Click Evaluate");
        browser.type("#desiredOutcome", "Evaluations work again");
        browser.type("#cc", BOB);
        browser.attach("#files", log);
        browser.screenshot("02-submit-a-request");
        browser.screenshot("portal", 1100, 1560); // README's picture: docs/portal.png
        browser.submit("form.request-form button[type=submit]");

        assertThat(browser.path()).matches("/tickets/SD-\\d+");
        String number = browser.path().substring("/tickets/".length());
        assertThat(browser.text(".notice.success")).contains("We received your request " + number);
        assertThat(browser.text("h1")).isEqualTo(number + " " + summary);
        assertThat(browser.text("#attachments")).contains(log.getFileName().toString());
        browser.screenshot("03-ticket-filed");

        browser.click("nav.main-nav a[href='/activities']");
        assertThat(browser.text("#row-" + number)).contains(number, summary, "New");
        browser.screenshot("04-my-requests");
    }

    @Test
    void bobSeesAlicesTicketUnderOrganisationRequests() {
        String number = fileAsAlice("Slow search for bob to see");

        browser.signIn(BOB, DEMO_PASSWORD);
        browser.click(".tabs a[href*='view=organization']");

        assertThat(browser.text(".tabs a[aria-current=page]")).isEqualTo("Organisation requests");
        assertThat(browser.text("#row-" + number)).contains("Slow search for bob to see", "Alice Anders");
        browser.screenshot("05-organisation-requests-bob");
        browser.click("#row-" + number + " a");
        assertThat(browser.text("h1")).contains(number);
    }

    @Test
    void carolOfAnotherOrganisationGetsNotFound() {
        String number = fileAsAlice("Acme only");

        browser.signIn(CAROL, DEMO_PASSWORD);
        browser.open("/tickets/" + number);

        assertThat(browser.text("h1")).isEqualTo("Not found");
        assertThat(browser.text(".notice.error")).isEqualTo("Ticket " + number + " was not found.");
        assertThat(browser.present(".summary")).isFalse();
        browser.screenshot("06-other-organisation-not-found");
    }

    @Test
    void aliceAnswersAPendingTicketAndItReopens() {
        String number = fileAsAlice("Upgrade question");
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");

        browser.signIn(ALICE, DEMO_PASSWORD);
        browser.open("/tickets/" + number);
        assertThat(browser.text(".status-line .badge")).isEqualTo("Waiting for you");
        assertThat(browser.text(".message.from-support .text")).isEqualTo("Which version do you run?");
        browser.screenshot("07-pending-ticket");
        browser.type("#body", "We run 1.180.0.");
        browser.submit("#reply button[type=submit]");

        assertThat(browser.text(".notice.success")).contains("open again");
        assertThat(browser.text(".status-line .badge")).isEqualTo("Open");
        assertThat(browser.text(".message.from-customer .text")).isEqualTo("We run 1.180.0.");
        assertThat(ticketRepository.findByNumber(number).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        browser.screenshot("08-answered-and-reopened");
    }

    @Test
    void aliceCreatesAFollowUpOnAClosedTicket() throws Exception {
        String number = fileAsAlice("Crash after restart");
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Raise the heap to 4 GB.");
        Path log = Files.createTempFile("crash-", ".log");
        Files.writeString(log, "2026-12-02 10:01:07 ERROR OutOfMemoryError: Java heap space\n");

        browser.signIn(ALICE, DEMO_PASSWORD);
        browser.open("/tickets/" + number);
        assertThat(browser.text(".status-line")).contains("Closed", "Solved.");
        assertThat(browser.present("#reply")).isFalse();
        browser.type("#follow-up-description", "It crashed again with 4 GB.");
        browser.click("label[for=follow-up-impact-HIGH]");
        browser.type("#follow-up-statement", "Nightly releases stop when it crashes.");
        browser.attach("#follow-up-files", log);
        browser.screenshot("09-closed-ticket");
        browser.submit("#follow-up button[type=submit]");

        String followUp = browser.path().substring("/tickets/".length());
        assertThat(followUp).isNotEqualTo(number);
        assertThat(browser.text(".notice.success")).isEqualTo("We created " + followUp + " as a follow-up to " + number + ".");
        assertThat(browser.text("#attachments")).contains(log.getFileName().toString());
        assertThat(ticketRepository.findByNumber(followUp).orElseThrow().businessImpactStatement())
                .isEqualTo("Nightly releases stop when it crashes.");
        assertThat(browser.text("a.original-link")).isEqualTo(number);
        browser.screenshot("10-follow-up");
        browser.click("a.original-link");
        assertThat(browser.text("a.follow-up-link")).isEqualTo(followUp);
    }

    @Test
    void aliceCannotDesignateAFifthContact() {
        String gina = "gina-" + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
        try {
            browser.signIn(ALICE, DEMO_PASSWORD);
            browser.click("nav.main-nav a[href='/organization']");
            assertThat(browser.text("#contacts-title .count")).isEqualTo("2 of 4");
            browser.submit("tr[id='member-" + ERIN + "'] button");
            browser.submit("tr[id='member-" + FRANK + "'] button");
            assertThat(browser.text("#contacts-title .count")).isEqualTo("4 of 4");
            browser.type("#invite-email", gina);
            browser.type("#invite-name", "Gina Gray");
            browser.submit("#invite button[type=submit]");
            assertThat(browser.text(".notice.success")).contains(gina + ") is now a member");

            browser.submit("tr[id='member-" + gina + "'] button");

            assertThat(browser.text("#contact-error")).isEqualTo("Your organisation already has 4 authorized support"
                    + " contacts, the most it may have. Revoke one of them before designating " + gina + ".");
            assertThat(browser.text("#contacts-title .count")).isEqualTo("4 of 4");
            browser.screenshot("11-fifth-contact-refused");
        } finally {
            // the demo organisation as README describes it, for the other tests
            accounts.revokeContact(ALICE, "acme", ERIN);
            accounts.revokeContact(ALICE, "acme", FRANK);
        }
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkAndChangedOnTheAccountPage() {
        String rhea = fixtures.organization().activeLicence(org.supportdesk.catalog.Product.LIFECYCLE).contact("rhea");

        browser.open("/login");
        browser.submit("#forgot-password");
        browser.type("#email", rhea);
        browser.screenshot("00-forgot-password");
        browser.submit("form[action='/password-reset'] button[type=submit]");
        assertThat(browser.text("#reset-sent")).contains(rhea);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:8080(/password-reset/\\S+)")
                .matcher(mailbox.to(rhea, "new Support Desk password").get(0).body());
        assertThat(link.find()).isTrue();
        browser.open(link.group(1));
        browser.type("#password", "a brand new passphrase");
        browser.type("#confirmation", "a brand new passphrase");
        browser.submit("form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/login?reset");

        browser.signIn(rhea, "a brand new passphrase");
        assertThat(browser.path()).isEqualTo("/activities");
        browser.submit("a.who");
        browser.type("#currentPassword", "a brand new passphrase");
        browser.type("#newPassword", "another new passphrase");
        browser.type("#confirmation", "another new passphrase");
        browser.submit("form[action='/account/password'] button[type=submit]");
        assertThat(browser.text(".notice.success")).contains("Your password is changed");
        browser.screenshot("00-account-password-changed");
    }

    @Test
    void aWrongPasswordSaysSo() {
        browser.open("/login");
        browser.screenshot("00-sign-in");
        browser.signIn(ALICE, "not-the-password");

        assertThat(browser.path()).isEqualTo("/login?error");
        assertThat(browser.text("#sign-in-error")).startsWith("Wrong email address or password.");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo(ALICE);
        browser.screenshot("00-sign-in-failed");
    }

    @Test
    void anOversizeFileIsRefusedBeforeSendingAndTheTextStays() throws Exception {
        Path big = Files.createTempFile("heap-", ".hprof");
        Files.write(big, new byte[1024 * 1024 + 1]);

        browser.signIn(BOB, DEMO_PASSWORD);
        browser.open("/requests/new");
        browser.type("#summary", "Out of memory");
        browser.attach("#files", big);

        assertThat(browser.text("#files-error")).contains(big.getFileName() + " is too large")
                .contains("at most 1.0 MiB per file and 2.0 MiB per request");
        browser.click("form.request-form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/requests/new");
        assertThat(browser.find("#summary").getAttribute("value")).isEqualTo("Out of memory");
    }

    @Test
    void theFormFollowsTheChoices() {
        browser.signIn(ALICE, DEMO_PASSWORD);
        browser.open("/requests/new");
        assertThat(browser.present("#outage:not([hidden])")).isFalse();
        assertThat(browser.displayed("#impact-statement")).isFalse();

        browser.choose("#product", "Repository Manager");
        browser.click("label[for=concern-CRITICAL_OUTAGE]");
        assertThat(browser.text("#outage")).contains("Attach the latest application log files from the failed start-up");
        assertThat(browser.text("#outage .outage-hours[data-product=REPOSITORY_MANAGER]")).contains("within your business hours");
        assertThat(browser.present("#outage .outage-hours[data-product=LIFECYCLE]:not([hidden])")).isFalse();
        browser.click("label[for=impact-HIGH]");
        assertThat(browser.displayed("#impact-statement")).isTrue();
        browser.screenshot("12-submit-a-request-outage");
    }

    @Test
    void erinWhoIsNotAContactIsToldWhoCanFile() {
        browser.signIn(ERIN, DEMO_PASSWORD);
        browser.click("nav.main-nav a[href='/requests/new']");

        assertThat(browser.text(".notice.warning")).contains("Only authorized support contacts can file");
        assertThat(browser.text("#who-can-file + p, .people")).contains(ALICE);
        assertThat(browser.present("form.request-form")).isFalse();
        browser.screenshot("13-not-a-contact");
    }

    @Test
    void thePagesFitAPhone() {
        fileAsAlice("Seen on a phone");
        browser.resize(390, 844);
        browser.signIn(ALICE, DEMO_PASSWORD);

        Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) driverOf(browser))
                .executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(390);
        browser.screenshot("14-phone-my-activities");
        browser.open("/requests/new");
        browser.screenshot("15-phone-submit-a-request");
    }

    @Test
    void tasklistShowsCustomerMarkupAsTextToTheAgent() {
        String summary = "<script>alert(1)</script><b>bold</b>";
        String number = fileAsAlice(summary);
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult().getId();

        browser.open("/camunda/app/tasklist/default/");
        browser.type("input[type=text]", "agent");
        browser.type("input[type=password]", "agent");
        browser.click("button[type=submit]");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .until(d -> d.getPageSource().contains("My team's tasks"));
        browser.open("/camunda/app/tasklist/default/#/?task=" + taskId);

        // the Ticket tab and the form's heading show the summary as the customer typed it, markup as text
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .until(d -> d.findElement(org.openqa.selenium.By.tagName("body")).getText().contains(summary));
        assertThat(browser.driver().findElements(org.openqa.selenium.By.tagName("b")))
                .noneMatch(b -> "bold".equals(b.getText()));
        browser.screenshot("tasklist-escaped");
    }

    private String fileAsAlice(String summary) {
        return filing.file(new FileTicket.Web(ALICE, new TicketRequest("LIFECYCLE", "CONFIGURATION", "PROBLEM",
                summary, "Filed for a browser test.", null, null, "NORMAL", null, List.of()), List.of(), null))
                .ticket().number();
    }

    private static org.openqa.selenium.WebDriver driverOf(Browser browser) {
        return browser.driver();
    }
}
