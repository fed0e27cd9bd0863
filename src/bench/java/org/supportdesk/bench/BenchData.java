package org.supportdesk.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.catalog.Product;
import org.supportdesk.account.SupportLevel;

/** Benchmark organisations and contacts (password "bench"), and bulk history written straight to the tables. */
final class BenchData {

    private BenchData() {
    }

    /** Organisations bench0..n-1 (New York, US) with one authorized contact each; returns their addresses. */
    static List<String> organisations(ConfigurableApplicationContext app, int count) {
        AccountRepository accounts = app.getBean(AccountRepository.class);
        String hash = app.getBean(PasswordEncoder.class).encode("bench");
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "bench" + i;
            accounts.insertOrganization(new Organization(id, "Bench " + i, ZoneId.of("America/New_York"), "US"));
            for (Product product : Product.values()) {
                accounts.insertLicence(id, new Licence(product, id + "-" + product, LocalDate.of(2099, 1, 1),
                        SupportLevel.STANDARD, null));
            }
            String email = "contact@" + id + ".example";
            accounts.insertMember(new Member(email, id, "Contact " + i, true, true), hash, Instant.now());
            contacts.add(email);
        }
        return contacts;
    }

    /**
     * {@code count} tickets (80% closed) spread over the organisations, with one message each, inserted in batches.
     * Their processes are not replayed: the list and detail views read only these tables.
     */
    private static final String[] PRIORITIES = {"NORMAL", "NORMAL", "NORMAL", "HIGH", "LOW", "URGENT"};

    static void history(ConfigurableApplicationContext app, List<String> organisations, int count) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Random random = new Random(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int batch = 1000;
        for (int from = 0; from < count; from += batch) {
            List<Object[]> tickets = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String org = organisations.get(i % organisations.size());
                OffsetDateTime created = now.minusMinutes(random.nextInt(525_600));
                OffsetDateTime activity = created.plusMinutes(random.nextInt(20_000));
                boolean closed = random.nextInt(10) < 8;
                OffsetDateTime answered = created.plusMinutes(random.nextInt(3_000));
                tickets.add(new Object[]{org.replace("contact@", "").replace(".example", ""), org, "History " + i,
                        "Old request " + i, closed ? "CLOSED" : "OPEN", closed ? "SOLVED" : null,
                        PRIORITIES[i % PRIORITIES.length], "agent" + i % 7, answered.isAfter(activity) ? null : answered,
                        random.nextInt(20) == 0, created, activity, closed ? activity : null});
            }
            jdbc.batchUpdate("""
                    insert into ticket (organization_id, requester_email, requester_name, channel, product, topic,
                        concern_type, summary, description, business_impact, status, close_reason, priority, team,
                        assignee, first_responded_at, first_response_breached, created_at, last_activity_at, closed_at)
                    values (?, ?, 'History', 'WEB', 'LIFECYCLE', 'CONFIGURATION', 'PROBLEM', ?, ?, 'NORMAL', ?, ?,
                        ?, 'team-lifecycle', ?, ?, ?, ?, ?, ?)""", tickets);
        }
        // a quarter of the solved tickets rated by their requester, a day after solving
        jdbc.update("""
                insert into ticket_rating (ticket_id, email, rating, first_rated_at, rated_at)
                select id, requester_email, case when mod(id, 5) = 0 then 'BAD' else 'GOOD' end,
                    closed_at + interval '1' day, closed_at + interval '1' day
                from ticket where summary like 'History %' and close_reason = 'SOLVED' and mod(id, 4) = 0""");
        jdbc.update("""
                insert into ticket_message (ticket_id, author, author_name, author_type, channel, body, created_at)
                select id, 'agent', 'Alex Agent', 'AGENT', 'WEB', 'An answer.', last_activity_at from ticket
                where summary like 'History %'""");
    }

}
