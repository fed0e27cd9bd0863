package org.supportdesk.ticket;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.engine.StartupTask;

/**
 * The word index behind the staff search ({@code ticket_term}): the words of a ticket's texts and conversation,
 * written with them, so that "words in summary, description or conversation" is an index lookup on H2 and PostgreSQL
 * alike instead of a scan of every text. Internal notes are not indexed. Tickets stored before the index existed
 * (or written straight to the tables) are indexed at start-up and by {@link #indexMissing()}.
 */
@Component
@Order(40)
public class TicketTerms implements StartupTask {

    /** Longer words are cut to this length, in the index and in queries alike. */
    public static final int TERM_MAX = 40;
    /** At most this many distinct words of one text are indexed (a pasted log is not a vocabulary). */
    static final int TERMS_PER_TEXT = 2_000;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;

    TicketTerms(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** The distinct search words of texts: lower case, without accents, letters and digits, cut to {@link #TERM_MAX}. */
    public static Set<String> words(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                    .toLowerCase(Locale.ROOT);
            for (String word : NON_WORD.split(plain)) {
                if (!word.isEmpty()) {
                    words.add(word.length() > TERM_MAX ? word.substring(0, TERM_MAX) : word);
                    if (words.size() >= TERMS_PER_TEXT) {
                        return words;
                    }
                }
            }
        }
        return words;
    }

    /** Adds the words of these texts to the ticket's (in the caller's transaction). */
    void index(long ticketId, String... texts) {
        Set<String> words = words(texts);
        if (words.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>(jdbc.sql("select term from ticket_term where ticket_id = ?")
                .param(ticketId).query(String.class).list());
        insert(ticketId, words.stream().filter(w -> !known.contains(w)).toList());
    }

    private void insert(long ticketId, List<String> words) {
        if (!words.isEmpty()) {
            batch.batchUpdate("insert into ticket_term (term, ticket_id) values (?, ?)",
                    words.stream().map(w -> new Object[]{w, ticketId}).toList());
        }
    }

    /** Indexes every ticket that has no words yet, 1,000 per transaction, in id order; returns how many. */
    public int indexMissing() {
        int indexed = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> rows = transactions.execute(status -> {
                List<Object[]> tickets = jdbc.sql("""
                                select t.id, t.summary, t.description, t.steps_to_reproduce, t.desired_outcome,
                                    t.business_impact_statement
                                from ticket t
                                where t.id > ? and not exists (select 1 from ticket_term w where w.ticket_id = t.id)
                                order by t.id limit 1000""")
                        .param(from)
                        .query((rs, row) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)})
                        .list();
                if (tickets.isEmpty()) {
                    return tickets;
                }
                Map<Long, List<String>> messages = new HashMap<>();
                jdbc.sql("select ticket_id, body from ticket_message where ticket_id between ? and ? order by id")
                        .params(tickets.get(0)[0], tickets.get(tickets.size() - 1)[0])
                        .query(rs -> {
                            messages.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                        });
                List<Object[]> terms = new ArrayList<>();
                for (Object[] t : tickets) {
                    List<String> texts = new ArrayList<>(Arrays.asList((String) t[1], (String) t[2], (String) t[3],
                            (String) t[4], (String) t[5]));
                    texts.addAll(messages.getOrDefault((Long) t[0], List.of()));
                    for (String word : words(texts.toArray(String[]::new))) {
                        terms.add(new Object[]{word, t[0]});
                    }
                }
                batch.batchUpdate("insert into ticket_term (term, ticket_id) values (?, ?)", terms);
                return tickets;
            });
            if (rows == null || rows.isEmpty()) {
                return indexed;
            }
            indexed += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
    }

    @Override
    public void setUp() {
        indexMissing();
    }
}
