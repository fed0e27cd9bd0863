package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketStatus;

import com.jayway.jsonpath.JsonPath;
import org.supportdesk.processes.EscalationDiagram;

/**
 * Anyone can write anyone's address in From. Mail counts as sent by its From address only when the receiving mail
 * server vouches for it (RFC 8601 Authentication-Results of mx.support.example); anything else is kept UNVERIFIED,
 * does nothing and answers nobody, until a staff member accepts it.
 */
@SupportDeskTest
class EmailSenderVerificationTest extends EmailChannel {

    static final String ONCALL = "oncall@support.example";

    /** Ways to forge a customer's mail past a receiving server. */
    enum Forgery {
        /** the server could not vouch for the sender (or the header was lost) */
        NO_AUTHENTICATION_RESULTS("no Authentication-Results from mx.support.example"),
        /** the server checked and DMARC failed */
        DMARC_FAIL("dmarc=fail"),
        /** the sender wrote a passing header himself, naming another server */
        UNTRUSTED_AUTHSERV_ID("no Authentication-Results from mx.support.example");

        final String why;

        Forgery(String why) {
            this.why = why;
        }

        Smtp server(Smtp smtp, String from) {
            String domain = Smtp.domain(from);
            return switch (this) {
                case NO_AUTHENTICATION_RESULTS -> smtp.withoutAuthenticationResults();
                case DMARC_FAIL -> smtp.withAuthenticationResults(Smtp.AUTHSERV_ID
                        + "; spf=fail smtp.mailfrom=" + domain + "; dkim=none; dmarc=fail (p=none) header.from="
                        + domain);
                case UNTRUSTED_AUTHSERV_ID -> smtp.withAuthenticationResults(
                        "mx.attacker.example; dmarc=pass header.from=" + domain);
            };
        }
    }

    @Autowired RuntimeService runtime;
    @Autowired org.supportdesk.dashboard.Dashboard dashboard;
    @LocalServerPort int port;

    OrgFixture org;
    String paula;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        paula = org.contact("paula");
    }

    /** Delivers a mail as a forger would, polls once, and returns the stored message. */
    InboundMail forge(Forgery forgery, Smtp.Draft draft) {
        forgery.server(smtp, draft.from()).deliver(draft);
        poller.pollOnce();
        return row(draft.messageId());
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aForgedMailFromAnAuthorizedContactFilesNothingAnswersNobodyAndWaitsForStaff(Forgery forgery) {
        Smtp.Draft mail = Smtp.mail(paula).subject("Please send me the licence keys");

        InboundMail stored = forge(forgery, mail);

        assertThat(stored.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(stored.ticketId()).isNull();
        assertThat(stored.outcome()).startsWith("Sender not verified: ").contains(forgery.why)
                .endsWith("; kept for staff, nothing done, nobody answered");
        assertThat(ticketsOf(paula)).isEmpty();
        assertThat(sentTo(paula)).as("nothing goes to the claimed sender").isEmpty();
        Api.Response listed = api.as("agent", "agent").get("/api/staff/inbound-mail?status=UNVERIFIED");
        assertThat(listed.status()).isEqualTo(200);
        String mine = "$[?(@.messageId == '" + mail.messageId() + "')]";
        assertThat(listed.<List<String>>json(mine + ".status")).containsExactly("UNVERIFIED");
        assertThat(listed.<List<String>>json(mine + ".sender")).containsExactly(paula);
        assertThat(listed.<List<String>>json(mine + ".outcome")).singleElement().asString().contains(forgery.why);
        assertThat(dashboard.inboundNeedingAPerson().rows()).as("the managers' dashboard lists it")
                .filteredOn(row -> row.get(0).equals(Long.toString(stored.id()))).singleElement()
                .satisfies(row -> assertThat(row.subList(1, 5)).containsExactly("UNVERIFIED", stored.mailbox(),
                        paula, "Please send me the licence keys"));
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aForgedOutageMailToExtendedSupportOutOfHoursPagesNobody(Forgery forgery) {
        String ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening
        int pages = mailbox.to(ONCALL).size(); // (runs what is due by now first)
        long escalations = escalations();

        InboundMail stored = forge(forgery, Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT)
                .subject("Production repository down").text("Nothing works, call me now."));

        assertThat(stored.mailbox()).isEqualTo(Smtp.EXTENDED_SUPPORT);
        assertThat(stored.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(ticketsOf(ella)).isEmpty();
        assertThat(escalations()).as("no SEV-1 escalation started").isEqualTo(escalations);
        assertThat(mailbox.to(ONCALL)).as("nobody paged").hasSize(pages);
        assertThat(sentTo(ella)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aForgedReplyNeitherReopensAPendingTicketNorJoinsItsConversation(Forgery forgery) {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        Mailbox.Mail question = last(paula);
        int mailsToPaula = sentTo(paula).size();
        EngineTime.setNewYork("2026-12-01T10:05");

        InboundMail reply = forge(forgery, Smtp.mail(paula).subject("Re: " + question.subject())
                .inReplyTo(question.header("Message-ID")).references(question.header("Message-ID"))
                .text("We run 1.2.3. Please also add mallory@evil.example to this ticket."));

        assertThat(reply.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(reply.ticketId()).isNull();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(tickets.process(number)).isWaitingAt("Timer_FirstReminder", "Timer_SecondReminder",
                "Timer_AutoClose");
        assertThat(customerMessages(number)).isEmpty();
        assertThat(sentTo(paula)).hasSize(mailsToPaula);
        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::body)
                .noneMatch(body -> body.contains("We run 1.2.3."));
    }

    @Test
    void aForgedReplyToAClosedTicketOpensNoFollowUp() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed by the upgrade to 1.2.");
        Mailbox.Mail solved = last(paula);

        InboundMail reply = forge(Forgery.NO_AUTHENTICATION_RESULTS, Smtp.mail(paula)
                .subject("Re: " + solved.subject()).inReplyTo(solved.header("Message-ID")).text("Broken again."));

        assertThat(reply.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(ticketRepository.followUps(ticket(number).id())).isEmpty();
        assertThat(ticketsOf(paula)).hasSize(1);
    }

    @Test
    void aForgedMailOverTheLimitsIsNotAnsweredEither() {
        InboundMail stored = forge(Forgery.DMARC_FAIL, Smtp.mail(paula).subject("Heap dump")
                .attach("heap.hprof", "application/octet-stream", new byte[600 * 1024]));

        assertThat(stored.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(sentTo(paula)).as("no 'too large' answer to whoever paula is").isEmpty();
    }

    @Test
    void aForgedPassBelowTheServersOwnFailIsIgnored() {
        String domain = Smtp.domain(paula);
        Smtp.Draft mail = Smtp.mail(paula).subject("Trust me")
                .header("Authentication-Results", Smtp.AUTHSERV_ID + "; dmarc=pass header.from=" + domain);

        smtp.withAuthenticationResults(Smtp.AUTHSERV_ID + "; dmarc=fail header.from=" + domain).deliver(mail);
        poller.pollOnce();

        InboundMail stored = row(mail.messageId());
        assertThat(stored.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(stored.outcome()).contains("dmarc=fail");
        assertThat(ticketsOf(paula)).isEmpty();
    }

    @Test
    void aDkimSignatureOfTheSendersOwnMailDomainVerifiesTheSender() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Signed by our mail relay");

        smtp.withAuthenticationResults(Smtp.AUTHSERV_ID + "; spf=softfail smtp.mailfrom=relay.example;"
                + " dkim=pass (2048-bit key) header.d=mail." + Smtp.domain(paula) + " header.s=s1; dmarc=none")
                .deliver(mail);
        poller.pollOnce();

        InboundMail stored = row(mail.messageId());
        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticket(stored.ticketId()).requesterEmail()).isEqualTo(paula);
    }

    @Test
    void staffAcceptAnUnverifiedMailAndTheNextPollFilesItsTicket() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Sent from the hotel's mail server");
        InboundMail unverified = forge(Forgery.NO_AUTHENTICATION_RESULTS, mail);

        Api.Response accepted = api.as("agent", "agent")
                .post("/api/staff/inbound-mail/" + unverified.id() + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.<String>json("$.status")).isEqualTo("STORED");
        assertThat(accepted.<String>json("$.acceptedBy")).isEqualTo("agent");
        assertThat(accepted.<String>json("$.acceptedAt")).isNotNull();
        assertThat(row(mail.messageId()).acceptedAt()).isEqualTo(EngineTime.now());
        assertThat(ticketsOf(paula)).as("nothing happens before the next poll").isEmpty();

        poller.pollOnce();

        InboundMail processed = row(mail.messageId());
        assertThat(processed.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(processed.outcome()).contains("sender vouched for by agent");
        assertThat(processed.acceptedBy()).isEqualTo("agent");
        Ticket ticket = ticket(processed.ticketId());
        assertThat(ticket.requesterEmail()).isEqualTo(paula);
        assertThat(ticket.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.summary()).isEqualTo("Sent from the hotel's mail server");
        assertThat(sentTo(paula)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + ticket.number() + "] We received your request: Sent from the hotel's mail"
                        + " server");
    }

    @Test
    void acceptingMailThatIsNotUnverifiedIsAConflict() {
        InboundMail processed = deliver(Smtp.mail(paula).subject("Verified anyway"));
        assertThat(processed.status()).isEqualTo(InboundStatus.PROCESSED);

        Api.Response response = api.as("agent", "agent")
                .post("/api/staff/inbound-mail/" + processed.id() + "/accept", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo("urn:support-desk:problem:not-unverified");
        assertThat(response.<String>json("$.detail")).contains("PROCESSED");
        assertThat(row(processed.messageId()).acceptedBy()).isNull();
    }

    @Test
    void acceptingMailThatDoesNotExistIsNotFound() {
        Api.Response response = api.as("agent", "agent").post("/api/staff/inbound-mail/987654321/accept", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo("urn:support-desk:problem:not-found");
    }

    @Test
    void onlyStaffMayAcceptMail() {
        InboundMail unverified = forge(Forgery.NO_AUTHENTICATION_RESULTS, Smtp.mail(paula).subject("Let me in"));

        assertThat(api.as(paula).post("/api/staff/inbound-mail/" + unverified.id() + "/accept", null).status())
                .isIn(401, 403);
        assertThat(api.anonymous().post("/api/staff/inbound-mail/" + unverified.id() + "/accept", null).status())
                .isEqualTo(401);
        assertThat(row(unverified.messageId()).status()).isEqualTo(InboundStatus.UNVERIFIED);
    }

    @Test
    void aPageOfAnotherSiteCannotAcceptMailWithTheLoginAnAgentsBrowserStored() throws Exception {
        InboundMail unverified = forge(Forgery.NO_AUTHENTICATION_RESULTS, Smtp.mail(paula).subject("Trust me"));
        String accept = "/api/staff/inbound-mail/" + unverified.id() + "/accept";

        RawHttp.Response fromItsOrigin = agentsBrowser().send("POST", accept, new byte[0],
                RawHttp.basic("agent", "agent"), "Origin: https://evil.example");
        RawHttp.Response fromItsReferer = agentsBrowser().send("POST", accept, new byte[0],
                RawHttp.basic("agent", "agent"), "Referer: https://evil.example/cats.html");
        RawHttp.Response fromASandbox = agentsBrowser().send("POST", accept, new byte[0],
                RawHttp.basic("agent", "agent"), "Origin: null");

        for (RawHttp.Response refused : List.of(fromItsOrigin, fromItsReferer, fromASandbox)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(JsonPath.<String>read(refused.body(), "$.type"))
                    .isEqualTo("urn:support-desk:problem:cross-site-request");
        }
        assertThat(JsonPath.<String>read(fromItsOrigin.body(), "$.detail"))
                .contains("another site (https://evil.example:443)", "not of the desk (http://localhost:8080 or "
                        + "http://localhost:" + port + ")", "nothing was changed",
                        "send the request from a script or command-line client without an Origin or Referer header");
        assertThat(JsonPath.<String>read(fromASandbox.body(), "$.detail")).contains("another site (null)");
        InboundMail still = row(unverified.messageId());
        assertThat(still.status()).isEqualTo(InboundStatus.UNVERIFIED);
        assertThat(still.acceptedBy()).isNull();
    }

    @Test
    void staffAcceptMailFromTheDesksOwnPagesAndFromScriptsThatSendNeitherOriginNorReferer() throws Exception {
        List<String> sameSite = List.of("Origin: http://localhost:" + port, "Origin: http://localhost:8080",
                "Referer: http://localhost:" + port + "/staff/tickets/SD-1001", "User-Agent: curl/8.5.0");
        for (String header : sameSite) {
            InboundMail unverified = forge(Forgery.NO_AUTHENTICATION_RESULTS, Smtp.mail(paula).subject(header));

            RawHttp.Response accepted = agentsBrowser().send("POST", "/api/staff/inbound-mail/" + unverified.id()
                    + "/accept", new byte[0], RawHttp.basic("agent", "agent"), header);

            assertThat(accepted.status()).as(header + ": " + accepted.body()).isEqualTo(200);
            assertThat(row(unverified.messageId()).acceptedBy()).isEqualTo("agent");
        }
    }

    /** HTTP with every header under the test's control: the agent's browser, or a script. */
    private RawHttp agentsBrowser() {
        return new RawHttp("127.0.0.1", port);
    }

    @Test
    void automaticMailIsIgnoredWhetherVerifiedOrNot() {
        InboundMail ooo = forge(Forgery.NO_AUTHENTICATION_RESULTS, Smtp.mail(paula).subject("Out of office: Hello")
                .header("Auto-Submitted", "auto-replied"));

        assertThat(ooo.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(sentTo(paula)).isEmpty();
    }

    private long escalations() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY).count();
    }
}
