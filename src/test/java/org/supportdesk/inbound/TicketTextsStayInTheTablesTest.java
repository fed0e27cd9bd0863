package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketStatus;

/**
 * Issue #22: processes hold decisions, the tables hold the ticket. A whole life of tickets — filed on the web and by
 * mail with files, triaged, a question, the customer's reply, an internal note, a re-triage, solved, a follow-up
 * answered with a file from the staff API, a duplicate, a SEV-1 report that is not an outage — and then every column of every table of the process engine
 * (runtime and history variables and their byte arrays, task variables and names, decision inputs and outputs,
 * incidents, the operation log, …) is searched for the texts it used: none is there. They are all in the desk's
 * tables. Only the short subject may be in the engine: task names carry it, so the subjects here hold no marker.
 */
@SupportDeskTest
class TicketTextsStayInTheTablesTest extends EmailChannel {

    /** Each text a person wrote, one marker each (a word no other test uses). */
    static final List<String> TEXTS = List.of("Zebuweb-description", "Zebuweb-steps", "Zebuweb-outcome",
            "Zebuweb-impact", "zebuweb-logfile.txt", "Zebumail-body", "zebumail-attachment.log", "Zebuagent-question",
            "Zebucustomer-reply", "Zebuagent-note", "Zebuagent-solved", "Zebufollowup-description",
            "Zebuoutage-description", "Zebuengineer-note", "Zebustaff-answer", "zebustaff-file.txt");

    @Autowired JdbcTemplate sql;

    @Test
    void afterAWholeLifeOfTicketsNoneOfTheirTextsIsInTheProcessEngine() throws Exception {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE)
                .licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), false);
        String rita = org.owner("rita");
        String paula = org.contact("paula");

        // filed on the web, with a file
        Map<String, Object> request = Tickets.request();
        request.put("summary", "Search is slow");
        request.put("description", "Zebuweb-description: searches take a minute.");
        request.put("stepsToReproduce", "Zebuweb-steps: search for anything.");
        request.put("desiredOutcome", "Zebuweb-outcome: a second at most.");
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Zebuweb-impact: the release is blocked.");
        String web = tickets.fileWithFile(rita, request, "zebuweb-logfile.txt",
                "the log".getBytes(StandardCharsets.UTF_8));

        // filed by mail, with a file
        String mailed = ticket(deliver(Smtp.mail(paula).subject("Builds fail").text("Zebumail-body: every build fails.")
                .attach("zebumail-attachment.log", "text/plain", "build log".getBytes(StandardCharsets.UTF_8)))
                .ticketId()).number();

        // triage, a question, the customer's reply, a note, a re-triage, solved
        tickets.triage(web, "NORMAL", "team-lifecycle");
        tickets.work(web, "REQUEST_INFO", "Zebuagent-question: which version do you run?");
        assertThat(tickets.reply(rita, web, "Zebucustomer-reply: we run 3.70.1.").status()).isEqualTo(201);
        tickets.complete(web, Map.of("action", "NOTE", "note", "Zebuagent-note: ask Sam."));
        tickets.complete(web, Map.of("action", "RETRIAGE", "newPriority", "HIGH", "newTeam", "team-repository"));
        tickets.work(web, "SOLVE", "Zebuagent-solved: upgrade to 3.71.");
        assertThat(ticket(web).status()).isEqualTo(TicketStatus.CLOSED);

        // a follow-up, and the mailed ticket closed as its duplicate
        String followUp = api.as(rita).post("/api/tickets/" + web + "/follow-ups",
                Map.of("description", "Zebufollowup-description: slow again.")).json("$.number");
        tickets.triage(followUp, "NORMAL", "team-lifecycle");
        assertThat(answerWithAFile(followUp, "Zebustaff-answer: the steps are attached.", "zebustaff-file.txt"))
                .isEqualTo(200);
        tickets.triage(mailed, "NORMAL", "team-lifecycle");
        tickets.complete(mailed, Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", followUp));
        assertThat(ticket(mailed).status()).isEqualTo(TicketStatus.CLOSED);

        // a SEV-1 report that the engineer finds is no outage
        Map<String, Object> outage = Tickets.request();
        outage.put("product", "REPOSITORY_MANAGER");
        outage.put("topic", "INSTALLATION_UPGRADE");
        outage.put("concernType", "CRITICAL_OUTAGE");
        outage.put("summary", "Repository down");
        outage.put("description", "Zebuoutage-description: nothing starts.");
        String sev1 = tickets.file(rita, outage);
        Map<String, Object> assessment = new HashMap<>();
        assessment.put("outageDecision", "NOT_AN_OUTAGE");
        assessment.put("engineerNote", "Zebuengineer-note: only the test system is down.");
        tickets.completeAs("oncall", List.of("oncall", "team-sev1"), sev1, assessment);
        assertThat(tickets.process(sev1)).isNotNull();

        // the texts are all in the desk's tables
        String desk = String.join("\n", everyValueOf("ticket", "ticket_message", "ticket_note", "attachment"));
        assertThat(TEXTS).allSatisfy(text -> assertThat(desk).as("the desk's tables hold %s", text).contains(text));

        // and none in any table of the process engine
        List<String> found = new ArrayList<>();
        for (String table : sql.queryForList("select table_name from information_schema.tables "
                + "where table_schema = 'PUBLIC' and upper(table_name) like 'ACT\\_%' escape '\\'", String.class)) {
            List<String> values = everyValueOf(table);
            for (String text : TEXTS) {
                if (values.stream().anyMatch(v -> v.contains(text))) {
                    found.add(text + " in " + table);
                }
            }
        }
        assertThat(found).as("texts found in the process engine's tables").isEmpty();
    }

    /** An agent's reply with a file, sent as the staff page and the staff API send it (issue #22 item 4). */
    private int answerWithAFile(String number, String reply, String fileName) {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
        json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        parts.add("answer", new org.springframework.http.HttpEntity<>(Map.of("action", "REPLY", "reply", reply), json));
        parts.add("files", new org.springframework.core.io.ByteArrayResource("steps".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        return api.as("agent", "agent").template().postForEntity("/api/staff/tickets/" + number + "/answers",
                new org.springframework.http.HttpEntity<>(parts, headers), String.class).getStatusCode().value();
    }

    /** Every value of every row of the tables, as text (byte arrays read as UTF-8). */
    private List<String> everyValueOf(String... tables) {
        List<String> values = new ArrayList<>();
        for (String table : tables) {
            sql.query("select * from " + table, (ResultSet rs) -> {
                ResultSetMetaData columns = rs.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        values.add(new String(bytes, StandardCharsets.UTF_8));
                    } else if (value instanceof java.sql.Blob blob) {
                        values.add(new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8));
                    } else if (value instanceof java.sql.Clob clob) {
                        values.add(clob.getSubString(1, (int) clob.length()));
                    } else if (value != null) {
                        values.add(value.toString());
                    }
                }
            });
        }
        return values;
    }
}
