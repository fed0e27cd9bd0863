package org.supportdesk.ticket;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.annotation.Order;
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

    private final TicketTermRepository index;
    private final TransactionTemplate transactions;

    TicketTerms(TicketTermRepository index, PlatformTransactionManager transactions) {
        this.index = index;
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
        Set<String> known = index.terms(ticketId);
        index.insert(ticketId, words.stream().filter(w -> !known.contains(w)).toList());
    }

    /** Indexes every ticket that has no words yet, 1,000 per transaction, in id order; returns how many. */
    public int indexMissing() {
        int indexed = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<TicketTermRepository.Unindexed> rows = transactions.execute(status -> {
                List<TicketTermRepository.Unindexed> tickets = index.unindexed(from);
                if (tickets.isEmpty()) {
                    return tickets;
                }
                Map<Long, List<String>> messages = index.messageBodies(tickets.get(0).id(),
                        tickets.get(tickets.size() - 1).id());
                List<Object[]> terms = new ArrayList<>();
                for (TicketTermRepository.Unindexed t : tickets) {
                    List<String> texts = new ArrayList<>(t.texts());
                    texts.addAll(messages.getOrDefault(t.id(), List.of()));
                    for (String word : words(texts.toArray(String[]::new))) {
                        terms.add(new Object[]{word, t.id()});
                    }
                }
                index.insert(terms);
                return tickets;
            });
            if (rows == null || rows.isEmpty()) {
                return indexed;
            }
            indexed += rows.size();
            after = rows.get(rows.size() - 1).id();
        }
    }

    @Override
    public void setUp() {
        indexMissing();
    }
}
