package org.supportdesk.bench;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.supportdesk.inbound.MailboxPoller;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Scenario 8 (issue #24): {@code mails} ordinary customer mails (plain text, one new ticket each, from the
 * organisations' contacts) put into the support mailbox, then timed from the first poll until every one of them is
 * finished (a ticket, or any other final state); the rate is compared with the engine floor of the same run.
 */
final class MailIntakeBench {

    record Result(int mails, double seconds, long tickets, long notFinished) {
    }

    private MailIntakeBench() {
    }

    static Result run(ConfigurableApplicationContext app, List<String> contacts, int mails) throws Exception {
        GreenMail greenMail = app.getBean(GreenMail.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        MailboxPoller poller = app.getBean(MailboxPoller.class);
        String support = "support@support.example";
        GreenMailUser mailbox = greenMail.getUserManager().getUser(support);
        if (mailbox == null) {
            mailbox = greenMail.setUser(support, support, support);
        }
        Session session = Session.getInstance(new Properties());
        long ticketsBefore = jdbc.queryForObject("select count(*) from ticket", Long.class);
        long mailBefore = jdbc.queryForObject("select count(*) from inbound_mail", Long.class);
        for (int i = 0; i < mails; i++) {
            String from = contacts.get(i % contacts.size());
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(MimeMessage.RecipientType.TO, support);
            message.setSubject("Search is slow on node " + i, "UTF-8");
            message.setText("Hello,\n\nsearching components takes 30 s since Monday on node " + i
                    + ".\nThe log shows nothing unusual.\n\nRegards\n", "UTF-8");
            message.setHeader("Message-ID", "<bench-mail-" + i + "-" + System.nanoTime() + "@" + from.substring(
                    from.indexOf('@') + 1) + ">");
            message.saveChanges();
            mailbox.deliver(message);
        }
        long start = System.nanoTime();
        long finished = 0;
        for (int round = 0; round < 1000 && finished < mails; round++) {
            poller.pollOnce();
            finished = jdbc.queryForObject("select count(*) from inbound_mail where status not in ('STORED',"
                    + " 'PROCESSING')", Long.class) - mailBefore;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long tickets = jdbc.queryForObject("select count(*) from ticket", Long.class) - ticketsBefore;
        return new Result(mails, seconds, tickets, mails - finished);
    }

    static String describe(Result result, double floor) {
        double perSecond = result.mails() / result.seconds();
        return String.format(Locale.ROOT, "%d mails in %.1f s: %.1f mails/s (%.1f%% of floor), %d tickets%s",
                result.mails(), result.seconds(), perSecond, 100 * perSecond / floor, result.tickets(),
                result.notFinished() > 0 ? ", " + result.notFinished() + " not finished" : "");
    }
}
