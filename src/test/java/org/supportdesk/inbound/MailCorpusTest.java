package org.supportdesk.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.Ticket;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 24: every real-world message of the corpus in {@code src/test/resources/mail/corpus} ends as its manifest
 * ({@code expected.tsv}) says: a ticket (acknowledged), a reply on the ticket it answers, ignored as automatic mail
 * (kept, never answered, never FAILED) or refused with an answer. The messages go into the support mailbox byte for
 * byte over IMAP APPEND (only From, To and Message-ID are set by the test, and the receiving server's
 * Authentication-Results put on top), all are fetched and processed by the real poller in one round, and every
 * mismatch is reported at once. With {@code -Dcorpus.report-only=true} the table is printed and the test passes.
 */
@SupportDeskTest
class MailCorpusTest extends EmailChannel {

    static final Path CORPUS = Path.of("src/test/resources/mail/corpus");
    static final List<String> OUTCOMES = List.of("ticket", "reply", "ignored-automatic", "refused-answered");

    /** One line of the manifest. */
    record Entry(String file, String sender, String outcome, String summary, Integer attachments, String text) {

        boolean fromContact() {
            return sender.equals("contact");
        }
    }

    /** A corpus message as it was put into the mailbox. */
    record Delivered(Entry entry, String messageId, String senderAddress, Long repliedTicket) {
    }

    /** Senders of more than one corpus message: their answers are told apart by threading alone. */
    private final java.util.Set<String> sharedSenders = new java.util.HashSet<>();

    @Test
    void issue24_everyRealWorldMessageOfTheCorpusEndsAsItsManifestSays() throws Exception {
        List<Entry> entries = manifest();
        List<Delivered> delivered = new ArrayList<>();
        Map<Delivered, byte[]> messages = new LinkedHashMap<>();

        // the tickets the reply cases answer, filed first by their contacts
        Map<Entry, String> contacts = new HashMap<>();
        Map<Entry, Smtp.Draft> requests = new HashMap<>();
        int index = 0;
        for (Entry entry : entries) {
            index++;
            if (entry.fromContact()) {
                contacts.put(entry, fixtures.organization().activeLicence(Product.LIFECYCLE).contact("corpus" + index));
            }
            if (entry.outcome().equals("reply")) {
                Smtp.Draft request = Smtp.mail(contacts.get(entry)).subject("Corpus request for " + entry.file());
                smtp.deliver(request);
                requests.put(entry, request);
            }
        }
        if (!requests.isEmpty()) {
            poller.pollOnce();
        }

        for (Entry entry : entries) {
            byte[] original = Files.readAllBytes(CORPUS.resolve(entry.file()));
            String messageId = "<corpus." + System.nanoTime() + "." + entry.file().replaceAll("[^A-Za-z0-9.-]", "_")
                    + "@corpus.test>";
            Long repliedTicket = null;
            Map<String, String> headers = new LinkedHashMap<>();
            String sender;
            if (entry.fromContact()) {
                sender = contacts.get(entry);
                headers.put("From", sender);
            } else {
                sender = senderOf(original);
            }
            headers.put("To", Smtp.SUPPORT);
            headers.put("Message-ID", messageId);
            if (requests.containsKey(entry)) {
                Smtp.Draft request = requests.get(entry);
                repliedTicket = row(request.messageId()).ticketId();
                headers.put("In-Reply-To", request.messageId());
                headers.put("References", request.messageId());
            }
            String auth = sender == null ? Smtp.AUTHSERV_ID + "; dmarc=none" : Smtp.dmarcPass(sender);
            Delivered one = new Delivered(entry, messageId, sender, repliedTicket);
            delivered.add(one);
            messages.put(one, rewrite(original, auth, headers));
        }

        Map<String, Integer> perSender = new HashMap<>();
        delivered.stream().filter(one -> one.senderAddress() != null)
                .forEach(one -> perSender.merge(one.senderAddress().toLowerCase(Locale.ROOT), 1, Integer::sum));
        perSender.forEach((address, count) -> {
            if (count > 1) {
                sharedSenders.add(address);
            }
        });

        long before = jdbc.sql("select coalesce(max(id), 0) from inbound_mail").query(Long.class).single();
        append(messages.values());
        poller.pollOnce();
        mailbox.deliver();

        Map<String, List<Long>> rowsByMessageId = rowsByToken(before, delivered);
        List<Long> matched = rowsByMessageId.values().stream().flatMap(List::stream).toList();
        List<String> unmatched = jdbc.sql("select id from inbound_mail where id > ? order by id").param(before)
                .query(Long.class).list().stream().filter(id -> !matched.contains(id))
                .map(id -> inbound.find(id).orElseThrow())
                .map(mail -> "#" + mail.id() + " " + mail.status() + " '" + mail.subject() + "': " + mail.outcome())
                .toList();
        List<String> table = new ArrayList<>();
        Map<String, Integer> expectedCounts = new TreeMap<>();
        int mismatches = 0;
        for (Delivered one : delivered) {
            expectedCounts.merge(one.entry().outcome(), 1, Integer::sum);
            List<String> problems = check(one, rowsByMessageId.getOrDefault(one.messageId(), List.of()));
            if (!problems.isEmpty()) {
                mismatches++;
                table.add(String.format("%-58s | %-17s | %s", one.entry().file(), one.entry().outcome(),
                        String.join("; ", problems).replaceAll("\\s+", " ")));
            }
        }
        String figures = "Corpus: " + delivered.size() + " messages (" + expectedCounts.getOrDefault("ticket", 0)
                + " tickets, " + expectedCounts.getOrDefault("reply", 0) + " replies, "
                + expectedCounts.getOrDefault("ignored-automatic", 0) + " ignored as automatic, "
                + expectedCounts.getOrDefault("refused-answered", 0) + " refused with an answer); "
                + (delivered.size() - mismatches) + " as expected, " + mismatches + " not";
        StringBuilder report = new StringBuilder(figures);
        if (!table.isEmpty()) {
            report.append("\n").append(String.format("%-58s | %-17s | %s", "file", "expected", "what happened"));
            table.forEach(line -> report.append("\n").append(line));
        }
        if (!unmatched.isEmpty()) {
            report.append("\nStored rows that could not be told apart (kept without their bytes): ")
                    .append(String.join("; ", unmatched));
        }
        System.out.println(report);
        if (mismatches > 0 && !Boolean.getBoolean("corpus.report-only")) {
            throw new AssertionError(report);
        }
    }

    private List<String> check(Delivered one, List<Long> rows) {
        Entry entry = one.entry();
        if (rows.isEmpty()) {
            return List.of("not stored");
        }
        if (rows.size() > 1) {
            return List.of(rows.size() + " stored rows");
        }
        InboundMail mail = inbound.find(rows.get(0)).orElseThrow();
        List<Mailbox.Mail> answers = answersTo(one);
        String actual = switch (mail.status()) {
            case PROCESSED -> mail.ticketId() == null ? "processed without ticket (" + mail.outcome() + ")"
                    : mail.ticketId().equals(one.repliedTicket()) ? "reply"
                    : answers.isEmpty() ? "ticket, not acknowledged" : "ticket";
            case IGNORED -> answers.isEmpty() ? "ignored-automatic" : "ignored, but answered: " + subjects(answers);
            case REFUSED -> answers.isEmpty() ? "refused, nobody told (" + mail.outcome() + ")" : "refused-answered";
            case FAILED -> "FAILED: " + mail.outcome();
            case STORED, PROCESSING -> mail.status() + " for a retry: " + mail.lastError();
            case UNVERIFIED -> "UNVERIFIED";
        };
        if (!actual.equals(entry.outcome())) {
            return List.of(actual + ("refused-answered".equals(actual) ? " (" + mail.outcome() + ")" : ""));
        }
        List<String> problems = new ArrayList<>();
        if (entry.outcome().equals("ticket")) {
            Ticket ticket = ticket(mail.ticketId());
            if (entry.fromContact() && !ticket.requesterEmail().equals(one.senderAddress())) {
                problems.add("ticket of " + ticket.requesterEmail());
            }
            if (entry.summary() != null && !entry.summary().equals(ticket.summary())) {
                problems.add("summary '" + ticket.summary() + "'");
            }
            if (entry.attachments() != null
                    && ticketRepository.attachments(ticket.id()).size() != entry.attachments()) {
                problems.add(ticketRepository.attachments(ticket.id()).size() + " attachments");
            }
            if (entry.text() != null && !ticket.description().contains(entry.text())) {
                problems.add("description '" + abbreviate(ticket.description()) + "'");
            }
        }
        if (entry.outcome().equals("reply")) {
            boolean added = ticketRepository.messages(one.repliedTicket()).stream()
                    .anyMatch(m -> m.authorType() == AuthorType.CUSTOMER
                            && (entry.text() == null || m.body().contains(entry.text())));
            if (!added) {
                problems.add("no customer message on the ticket" + (entry.text() == null ? "" : " with the text"));
            }
        }
        return problems;
    }

    private static String subjects(List<Mailbox.Mail> mails) {
        return String.join(", ", mails.stream().map(m -> "'" + m.subject() + "' to " + m.recipients(Message.RecipientType.TO))
                .toList());
    }

    /** What the desk sent in answer to the message: threaded under it, or to its sender. */
    private List<Mailbox.Mail> answersTo(Delivered one) {
        String sender = one.senderAddress() == null ? null : one.senderAddress().toLowerCase(Locale.ROOT);
        boolean byAddress = sender != null && !sharedSenders.contains(sender) && !one.entry().outcome().equals("reply");
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mailbox.Mail::new)
                .filter(m -> m.recipients(Message.RecipientType.TO).stream()
                        .noneMatch(to -> to.contains(Smtp.SUPPORT)))
                .filter(m -> one.messageId().equals(m.header("In-Reply-To"))
                        || byAddress && m.recipients(Message.RecipientType.TO).stream()
                        .anyMatch(to -> to.toLowerCase(Locale.ROOT).contains(sender)))
                .toList();
    }

    /**
     * The stored rows since {@code before}, by the corpus Message-ID found in their raw bytes (or, for a message kept
     * from its envelope alone, in their Message-ID).
     */
    private Map<String, List<Long>> rowsByToken(long before, List<Delivered> delivered) {
        Map<String, List<Long>> rows = new HashMap<>();
        for (Long id : jdbc.sql("select id from inbound_mail where id > ? order by id").param(before)
                .query(Long.class).list()) {
            byte[] bytes = inbound.raw(id);
            String raw = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
            for (Delivered one : delivered) {
                if (raw.contains(one.messageId()) || raw.isEmpty() && one.messageId().equals(messageIdOf(id))) {
                    rows.computeIfAbsent(one.messageId(), key -> new ArrayList<>()).add(id);
                }
            }
        }
        return rows;
    }

    private String messageIdOf(long id) {
        return inbound.find(id).map(InboundMail::messageId).orElse(null);
    }

    /** Puts the raw messages into the support mailbox as they are, with one IMAP APPEND. */
    private void append(java.util.Collection<byte[]> raws) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        List<Message> list = new ArrayList<>();
        for (byte[] raw : raws) {
            list.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        Store store = greenMail.getImap().createStore();
        store.connect(Smtp.SUPPORT, Smtp.SUPPORT);
        try (store) {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(list.toArray(Message[]::new));
        }
    }

    /**
     * The message with its top-level From (when given), To, Message-ID, In-Reply-To and References replaced and the
     * receiving server's Authentication-Results on top; everything else byte for byte. A leading mbox "From " line
     * (a mailbox file's separator, not part of the message) is dropped.
     */
    static byte[] rewrite(byte[] raw, String authenticationResults, Map<String, String> headers) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        int end = headerEnd(text);
        String head = text.substring(0, end);
        String rest = text.substring(end);
        StringBuilder out = new StringBuilder(text.length() + 400);
        out.append("Authentication-Results: ").append(authenticationResults).append(eol);
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append(eol));
        boolean dropping = false;
        boolean first = true;
        for (String line : head.split("(?<=\n)")) {
            if (first && line.startsWith("From ")) {
                first = false;
                continue;
            }
            first = false;
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim();
                dropping = headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
            }
            if (!dropping) {
                out.append(line);
            }
        }
        out.append(rest);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where the header block ends (at its blank line, which is kept with the body). */
    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf + 1 <= lf)) {
            return crlf + 2;
        }
        return lf >= 0 ? lf + 1 : text.length();
    }

    /** The address in the message's own From header, or null when there is none to read. */
    static String senderOf(byte[] raw) {
        try {
            String from = new jakarta.mail.internet.InternetHeaders(new ByteArrayInputStream(withoutMboxLine(raw)))
                    .getHeader("From", ",");
            InternetAddress[] addresses = from == null ? new InternetAddress[0] : InternetAddress.parseHeader(from, false);
            return addresses.length == 0 || addresses[0].getAddress() == null
                    || !addresses[0].getAddress().contains("@") ? null : addresses[0].getAddress();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    private static byte[] withoutMboxLine(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("From ")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<Entry> manifest() throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length < 3) {
                problems.add("too few columns: " + line);
                continue;
            }
            Entry entry = new Entry(cells[0], cells[1], cells[2], cell(cells, 3),
                    cell(cells, 4) == null ? null : Integer.valueOf(cell(cells, 4)), cell(cells, 5));
            if (!List.of("contact", "own").contains(entry.sender()) || !OUTCOMES.contains(entry.outcome())) {
                problems.add("unknown sender or outcome: " + line);
            }
            if (entry.outcome().equals("reply") && !entry.fromContact()) {
                problems.add("a reply must come from a contact: " + line);
            }
            if (!Files.isRegularFile(CORPUS.resolve(entry.file()))) {
                problems.add("no such file: " + entry.file());
            }
            entries.add(entry);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("expected.tsv: " + String.join("\n", problems));
        }
        return entries;
    }

    private static String cell(String[] cells, int index) {
        return cells.length <= index || cells[index].isEmpty() || cells[index].equals("-") ? null : cells[index];
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
    }
}
