package org.supportdesk.inbound;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketRepository;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;

/**
 * What the email channel tests share: real SMTP delivery into the support mailbox, a poll by hand, and a look at
 * what became of the message (its inbound_mail row, tickets, mail that went out).
 */
abstract class EmailChannel {

    static final String AGENT_MAIL = "agent@support.example";

    @Autowired GreenMail greenMail;
    @Autowired MailboxPoller poller;
    @Autowired InboundMailRepository inbound;
    @Autowired TicketRepository ticketRepository;
    @Autowired JdbcClient jdbc;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired Api api;

    Smtp smtp;

    @BeforeEach
    void mailServer() {
        smtp = new Smtp(greenMail);
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday, in business hours
    }

    /** Sends the mail over SMTP, polls the mailboxes once, and returns the stored message. */
    InboundMail deliver(Smtp.Draft draft) {
        smtp.deliver(draft);
        poller.pollOnce();
        return row(draft.messageId());
    }

    InboundMail row(String messageId) {
        List<Long> ids = jdbc.sql("select id from inbound_mail where message_id = ?").param(messageId)
                .query(Long.class).list();
        if (ids.size() != 1) {
            throw new AssertionError(ids.size() + " stored messages with Message-ID " + messageId);
        }
        return inbound.find(ids.get(0)).orElseThrow();
    }

    /** Every stored message whose From names {@code address}, oldest first. */
    List<InboundMail> rowsFrom(String address) {
        return jdbc.sql("select id from inbound_mail where lower(sender) like ? order by id")
                .param("%" + address.toLowerCase() + "%").query(Long.class).list().stream()
                .map(id -> inbound.find(id).orElseThrow()).toList();
    }

    /** The tickets {@code requester} is the requester of, oldest first. */
    List<Ticket> ticketsOf(String requester) {
        return jdbc.sql("select id from ticket where requester_email = ? order by id").param(requester)
                .query(Long.class).list().stream().map(id -> ticketRepository.find(id).orElseThrow()).toList();
    }

    Ticket ticket(String number) {
        return ticketRepository.findByNumber(number).orElseThrow();
    }

    Ticket ticket(long id) {
        return ticketRepository.find(id).orElseThrow();
    }

    List<TicketMessage> customerMessages(String number) {
        return ticketRepository.messages(ticket(number).id()).stream()
                .filter(m -> m.authorType() == AuthorType.CUSTOMER).toList();
    }

    Mailbox.Mail last(String address) {
        List<Mailbox.Mail> mails = mailbox.to(address);
        if (mails.isEmpty()) {
            throw new AssertionError("No mail reached " + address);
        }
        return mails.get(mails.size() - 1);
    }

    /** What the desk sent to {@code address} (the customer's own mail to us is not counted). */
    List<Mailbox.Mail> sentTo(String address) {
        return mailbox.to(address).stream().filter(m -> !addressedToSupport(m)).toList();
    }

    private static boolean addressedToSupport(Mailbox.Mail mail) {
        return mail.recipients(Message.RecipientType.TO).stream()
                .anyMatch(to -> to.contains("support@support.example"));
    }

    /**
     * Puts raw bytes into the support mailbox with IMAP APPEND, as they are: for mail GreenMail's SMTP refuses (a null
     * sender, {@code MAIL FROM:<>}) or would rewrite (non-UTF-8 header bytes).
     */
    void append(byte[] raw) {
        try {
            Store store = greenMail.getImap().createStore();
            store.connect(Smtp.SUPPORT, Smtp.SUPPORT);
            try (store) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                try {
                    inbox.appendMessages(new Message[]{new jakarta.mail.internet.MimeMessage(
                            jakarta.mail.Session.getInstance(new java.util.Properties()),
                            new java.io.ByteArrayInputStream(raw))});
                } finally {
                    inbox.close(false);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the message with this subject is flagged \\Seen in the support mailbox, read over IMAP. */
    boolean isSeen(String subject) {
        return imap(subject, message -> message.isSet(Flags.Flag.SEEN));
    }

    /** Sets or clears the \\Seen flag of the message with this subject in the support mailbox, over IMAP. */
    void setSeen(String subject, boolean seen) {
        imap(subject, message -> {
            message.setFlag(Flags.Flag.SEEN, seen);
            return seen;
        });
    }

    /** Sets or clears the \\Seen flag of every message with this subject in the support mailbox, over IMAP. */
    void setSeenAll(String subject, boolean seen) {
        try {
            Store store = greenMail.getImap().createStore();
            store.connect(Smtp.SUPPORT, Smtp.SUPPORT);
            try (store) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                try {
                    for (Message message : inbox.search(new SubjectTerm(subject))) {
                        message.setFlag(Flags.Flag.SEEN, seen);
                    }
                } finally {
                    inbox.close(false);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T imap(String subject, MessageFunction<T> action) {
        try {
            Store store = greenMail.getImap().createStore();
            store.connect(Smtp.SUPPORT, Smtp.SUPPORT);
            try (store) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                try {
                    Message[] found = inbox.search(new SubjectTerm(subject));
                    if (found.length != 1) {
                        throw new AssertionError(found.length + " messages with subject " + subject);
                    }
                    return action.apply(found[0]);
                } finally {
                    inbox.close(false);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface MessageFunction<T> {
        T apply(Message message) throws MessagingException;
    }

    static String unknownAddress(String localPart) {
        return localPart + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@nowhere.example";
    }
}
