package org.supportdesk.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

/**
 * Fetches new mail from the support mailboxes over IMAP, stores each message, flags it seen only once it is stored,
 * then processes what is stored. A broken message or an unreachable server never stops the next poll.
 * <p>
 * Bounded: the size the server states (RFC822.SIZE) is checked before a byte of the message is read. A message over
 * what the desk reads ({@link MailReadLimit}) is not downloaded; it is kept FAILED from its envelope (From,
 * Subject, Message-ID, size) and flagged seen, so it is never fetched again. The download itself stops at the
 * limit too, should the server's size be wrong. A message that cannot be downloaded or stored for any other reason
 * than an unreachable server or database (anything thrown, errors included) is kept FAILED from its envelope and
 * flagged seen as well; only what may work next time is left unseen for the next poll.
 */
@Component
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final InboundMailProperties properties;
    private final InboundMailStore store;
    private final InboundMailProcessor processor;
    private final MailReadLimit readLimit;

    MailboxPoller(InboundMailProperties properties, InboundMailStore store, InboundMailProcessor processor,
                  MailReadLimit readLimit) {
        this.properties = properties;
        this.store = store;
        this.processor = processor;
        this.readLimit = readLimit;
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
            } catch (Throwable unreachable) {
                log.warn("Could not fetch mail for {}: {}", mailbox.address(), unreachable.toString());
            }
        }
        try {
            processor.processPending();
        } catch (Throwable unavailable) {
            // stored messages stay STORED and are processed by the next poll
            log.warn("Could not process stored mail: {}", unavailable.toString());
        }
        return stored;
    }

    private int fetch(InboundMailProperties.Mailbox mailbox) throws MessagingException {
        Properties session = new Properties();
        String protocol = properties.protocol();
        session.put("mail." + protocol + ".connectiontimeout", "10000");
        session.put("mail." + protocol + ".timeout", "30000");
        // reading a message must not mark it seen: only a stored message is flagged (a failed store is fetched again)
        session.put("mail." + protocol + ".peek", "true");
        // a message is read in pieces of this size (never more than the read limit in all: see download)
        session.put("mail." + protocol + ".fetchsize", String.valueOf(256 * 1024));
        Store imap = Session.getInstance(session).getStore(protocol);
        imap.connect(properties.host(), properties.port(), mailbox.login(), mailbox.password());
        int stored = 0;
        try (imap) {
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                // sizes and envelopes of all of them in one round trip, before any message is read
                FetchProfile envelopes = new FetchProfile();
                envelopes.add(FetchProfile.Item.ENVELOPE);
                envelopes.add(FetchProfile.Item.SIZE);
                try {
                    inbox.fetch(unseen, envelopes);
                } catch (MessagingException notAtOnce) {
                    // then one by one below, where a message the server cannot describe is dealt with on its own
                    log.warn("Could not fetch the envelopes of {}: {}", mailbox.address(), notAtOnce.toString());
                }
                for (Message message : unseen) {
                    if (fetchOne(mailbox, message)) {
                        stored++;
                    }
                }
            } finally {
                inbox.close(false);
            }
        }
        return stored;
    }

    /** Stores one message (or what is known of it) and flags it seen; true when it was new. Never throws. */
    private boolean fetchOne(InboundMailProperties.Mailbox mailbox, Message message) {
        try {
            long size = size(mailbox, message); // RFC822.SIZE, known before a byte of the message is read
            if (!readLimit.allows(size)) {
                return keepEnvelope(mailbox, message, readLimit.notDownloaded(size));
            }
            boolean isNew = store.store(mailbox.address(), download(message, size));
            message.setFlag(Flags.Flag.SEEN, true);
            return isNew;
        } catch (Throwable failure) {
            if (!causedBy(failure, TooLarge.class) && mayWorkNextTime(failure)) {
                // left unseen on the server: the next poll tries again
                log.warn("Could not store message {} of {}: {}", message.getMessageNumber(), mailbox.address(),
                        failure.toString());
                return false;
            }
            try {
                return keepEnvelope(mailbox, message, causedBy(failure, TooLarge.class)
                        ? readLimit.notDownloadedUnknownSize()
                        : "Not downloaded: " + InboundMailProcessor.reason(failure));
            } catch (Throwable notKept) {
                log.warn("Could not keep message {} of {} either: {}", message.getMessageNumber(), mailbox.address(),
                        notKept.toString());
                return false;
            } finally {
                if (!causedBy(failure, TooLarge.class)) {
                    log.warn("Message {} of {} could not be downloaded", message.getMessageNumber(),
                            mailbox.address(), failure);
                }
            }
        }
    }

    /**
     * The size the server states, or {@code -1} when it cannot describe the message (some servers fail the whole
     * ENVELOPE of a message with a header they cannot parse, such as {@code From: MAILER-DAEMON <>}): then the
     * download is bounded by the read limit alone. An unreachable server is thrown.
     */
    private static long size(InboundMailProperties.Mailbox mailbox, Message message) throws MessagingException {
        try {
            return message.getSize();
        } catch (MessagingException undescribed) {
            if (mayWorkNextTime(undescribed)) {
                throw undescribed;
            }
            log.warn("The server could not describe message {} of {} ({}); downloaded within the read limit",
                    message.getMessageNumber(), mailbox.address(), undescribed.toString());
            return -1;
        }
    }

    /** Keeps the message FAILED from its envelope only, then flags it seen: it is never fetched again. */
    private boolean keepEnvelope(InboundMailProperties.Mailbox mailbox, Message message, String reason)
            throws MessagingException {
        boolean isNew = store.storeNotDownloaded(mailbox.address(), envelope(message), reason);
        message.setFlag(Flags.Flag.SEEN, true);
        log.warn("Message {} of {} kept from its envelope: {}", message.getMessageNumber(), mailbox.address(), reason);
        return isNew;
    }

    /** From, Subject, Message-ID, date and size from the IMAP envelope; whatever cannot be read is left out. */
    private static InboundMailStore.Envelope envelope(Message message) {
        String from = null;
        String subject = null;
        String messageId = null;
        long size = -1;
        Instant sent = null;
        try {
            Address[] addresses = message.getFrom();
            if (addresses != null && addresses.length > 0) {
                from = addresses[0] instanceof InternetAddress internet && internet.getAddress() != null
                        ? internet.getAddress().toLowerCase(java.util.Locale.ROOT) : addresses[0].toString();
            }
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        try {
            subject = message.getSubject();
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        try {
            // from the envelope: MimeMessage.getHeader would fetch the whole header block
            messageId = message instanceof MimeMessage mime ? mime.getMessageID() : null;
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        try {
            size = message.getSize();
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        try {
            Date date = message.getSentDate();
            sent = date == null ? null : date.toInstant();
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        long uidValidity = -1;
        long uid = -1;
        try {
            if (message.getFolder() instanceof UIDFolder folder) {
                uidValidity = folder.getUIDValidity();
                uid = folder.getUID(message);
            }
        } catch (Exception | LinkageError unreadable) {
            // left out
        }
        return new InboundMailStore.Envelope(from, subject, messageId, size, sent, uidValidity, uid);
    }

    /** The whole message, read at most up to the limit (the server's size may be missing or wrong). */
    private byte[] download(Message message, long size) throws IOException, MessagingException {
        long limit = readLimit.bytes();
        Bounded raw = new Bounded((int) Math.min(Math.max(size, 8192), Math.min(limit, Integer.MAX_VALUE - 16)),
                limit);
        message.writeTo(raw);
        return raw.bytes();
    }

    /**
     * Whether a failure may go away by itself: the mail server or the database unreachable or busy. Anything else
     * would happen again with the same message.
     */
    static boolean mayWorkNextTime(Throwable failure) {
        return MailFailures.transientInFetching(failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private List<InboundMailProperties.Mailbox> mailboxes() {
        return properties.mailboxes() == null ? List.of() : properties.mailboxes();
    }

    /** A message went on past the limit. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Collects at most {@code limit} bytes; one more and it throws {@link TooLarge}. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long limit;

        Bounded(int initialCapacity, long limit) {
            super(initialCapacity);
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1L > limit) {
                throw new TooLarge();
            }
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > limit) {
                throw new TooLarge();
            }
            super.write(b, off, len);
        }

        /** The bytes; without a copy when the server's size was exact (the usual case). */
        synchronized byte[] bytes() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }
}
