package org.supportdesk.staffdesk;


import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/**
 * Never leaks (issue #13): an internal note is in no customer-facing output: not in the customer API, not on the
 * portal's ticket page, in no mail (to anyone), in no process variable, running or in the history.
 */
@SupportDeskTest
class InternalNotesNeverLeakTest {

    /** A marker no mail can hold by chance (a hyphenated word is never part of base64 or quoted-printable text). */
    static final String MARKER = "never-leak-marker-7f3c";
    static final String SECRET = MARKER + " internal: customer owes us an invoice";

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired GreenMail greenMail;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;
    @Autowired WebApplicationContext context;

    @Test
    void aNoteAppearsInNoCustomerFacingOutput() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00");
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String rita = org.owner("rita");
        String carl = org.contact("carl");
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(carl));
        String number = tickets.file(rita, request);
        note(number, SECRET + " (1)");
        tickets.triage(number, "HIGH", "team-lifecycle");
        note(number, SECRET + " (2)");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        note(number, SECRET + " (3)");
        tickets.reply(rita, number, "We run 3.70.1.");
        note(number, SECRET + " (4)");

        // no variable of the open Work task's process holds a note (notes are read from their table when shown)
        String process = tickets.process(number).getId();
        runtime.getVariables(process).forEach((name, v) -> assertThat(String.valueOf(v)).as(name)
                .doesNotContain(MARKER));

        tickets.work(number, "SOLVE", "Upgrade to 3.71.");
        note(number, SECRET + " (5)");
        mailbox.deliver();

        // the customer API and the portal
        String json = api.as(rita).get("/api/tickets/" + number).body();
        assertThat(json).contains("Upgrade to 3.71.").doesNotContain(MARKER).doesNotContain("invoice");
        assertThat(api.as(carl).get("/api/tickets?view=organization").body()).doesNotContain(MARKER);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        String page = mvc.perform(get("/tickets/" + number).with(user(rita).roles("CUSTOMER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Upgrade to 3.71.").doesNotContain(MARKER);

        // every mail: what the server received and what the queue stored
        List<String> received = Arrays.stream(greenMail.getReceivedMessages()).map(GreenMailUtil::getWholeMessage)
                .toList();
        assertThat(received).anyMatch(m -> m.contains(number) && m.contains("Upgrade to 3.71."));
        assertThat(received).noneMatch(m -> m.contains(MARKER));
        assertThat(jdbc.sql("select count(*) from outbound_mail where body like ? or subject like ?")
                .params("%" + MARKER + "%", "%" + MARKER + "%").query(Long.class).single()).isZero();
        assertThat(mailbox.to(rita)).isNotEmpty();

        // every variable the ticket's processes ever had
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).list().forEach(p ->
                history.createHistoricVariableInstanceQuery().processInstanceId(p.getId()).list()
                        .forEach(v -> assertThat(String.valueOf(v.getValue())).as(v.getName()).doesNotContain(MARKER)));

        // and staff do see them
        assertThat(api.as("agent", "agent").get("/api/staff/tickets/" + number).body()).contains(SECRET + " (5)");
    }

    private void note(String number, String body) {
        assertThat(api.as("agent", "agent").post("/api/staff/tickets/" + number + "/notes", Map.of("body", body))
                .status()).isEqualTo(201);
    }
}
