package org.supportdesk.inbound;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

/**
 * Fetches new mail from the support mailboxes over IMAP, stores each message, flags it seen only once it is stored,
 * then processes what is stored. A broken message or an unreachable server never stops the next poll.
 */
@Component
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final InboundMailProperties properties;
    private final InboundMailStore store;
    private final InboundMailProcessor processor;

    MailboxPoller(InboundMailProperties properties, InboundMailStore store, InboundMailProcessor processor) {
        this.properties = properties;
        this.store = store;
        this.processor = processor;
    }

    @Scheduled(fixedDelayString = "${support.mail.inbound.poll-interval:5s}",
            initialDelayString = "${support.mail.inbound.poll-interval:5s}")
    void scheduledPoll() {
        if (properties.polling()) {
            pollOnce();
        }
    }

    /** One round: fetch every mailbox, then process everything stored. Returns how many new messages were stored. */
    public synchronized int pollOnce() {
        int stored = 0;
        for (InboundMailProperties.Mailbox mailbox : mailboxes()) {
            try {
                stored += fetch(mailbox);
            } catch (Exception unreachable) {
                log.warn("Could not fetch mail for {}: {}", mailbox.address(), unreachable.toString());
            }
        }
        try {
            processor.processPending();
        } catch (RuntimeException unavailable) {
            // stored messages stay STORED and are processed by the next poll
            log.warn("Could not process stored mail: {}", unavailable.toString());
        }
        return stored;
    }

    private int fetch(InboundMailProperties.Mailbox mailbox) throws Exception {
        Properties session = new Properties();
        String protocol = properties.protocol();
        session.put("mail." + protocol + ".connectiontimeout", "10000");
        session.put("mail." + protocol + ".timeout", "30000");
        // reading a message must not mark it seen: only a stored message is flagged (a failed store is fetched again)
        session.put("mail." + protocol + ".peek", "true");
        Store imap = Session.getInstance(session).getStore(protocol);
        imap.connect(properties.host(), properties.port(), mailbox.login(), mailbox.password());
        int stored = 0;
        try (imap) {
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                for (Message message : inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        message.writeTo(raw);
                        if (store.store(mailbox.address(), raw.toByteArray())) {
                            stored++;
                        }
                        message.setFlag(Flags.Flag.SEEN, true);
                    } catch (Exception notStored) {
                        // left unseen on the server: the next poll tries again
                        log.warn("Could not store message {} of {}: {}", message.getMessageNumber(),
                                mailbox.address(), notStored.toString());
                    }
                }
            } finally {
                inbox.close(false);
            }
        }
        return stored;
    }

    private List<InboundMailProperties.Mailbox> mailboxes() {
        return properties.mailboxes() == null ? List.of() : properties.mailboxes();
    }
}
