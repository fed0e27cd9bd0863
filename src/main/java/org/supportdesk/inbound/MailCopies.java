package org.supportdesk.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.supportdesk.inbound.EmailIntake.Outcome;

/**
 * One message that reached several of the desk's mailboxes (support@ with the Extended Support address in Cc) is
 * handled once: by its Extended Support copy (R21: that copy pages the on-call engineer), else by the first copy
 * processed. A copy to support@ that names the Extended Support address waits for that copy (at most
 * {@link #COPY_WAIT}; if it never comes, it is handled as a standard request). The copies are locked in the
 * caller's transaction, so two nodes processing two copies at the same moment take turns.
 */
@Component
class MailCopies {

    /** How long a copy addressed to the Extended Support address too waits for that copy to arrive. */
    static final Duration COPY_WAIT = Duration.ofMinutes(10);
    private static final Duration COPY_POLL = Duration.ofSeconds(20);

    private final InboundMailRepository inbound;
    private final InboundMailProperties properties;
    private final Clock clock;

    MailCopies(InboundMailRepository inbound, InboundMailProperties properties, Clock clock) {
        this.inbound = inbound;
        this.properties = properties;
        this.clock = clock;
    }

    /** Present when another copy handles this message, or when this one waits for it. */
    Optional<Outcome> otherCopy(InboundMail stored, ParsedMail mail) {
        List<InboundMail> copies = inbound.lockCopies(stored.messageId(), stored.id());
        boolean extendedSupport = isExtendedSupportBox(stored.mailbox());
        Optional<InboundMail> handled = copies.stream()
                .filter(c -> isExtendedSupportBox(c.mailbox())
                        ? (extendedSupport ? acted(c) : c.status() != InboundStatus.FAILED)
                        : !extendedSupport && acted(c))
                .findFirst();
        if (handled.isPresent()) {
            InboundMail other = handled.get();
            return Optional.of(new Outcome(InboundStatus.IGNORED, "The same message reached " + other.mailbox()
                    + " (inbound mail " + other.id() + "), which handles it", other.ticketId()));
        }
        Optional<String> expected = extendedSupport ? Optional.empty()
                : Stream.concat(mail.to().stream(), mail.cc().stream()).filter(this::isExtendedSupportBox).findFirst();
        if (expected.isPresent() && stored.receivedAt().plus(COPY_WAIT).isAfter(clock.instant())) {
            return Optional.of(Outcome.waiting("Also addressed to " + expected.get() + ": waiting for that copy,"
                    + " which is handled as an Extended Support request", COPY_POLL));
        }
        return Optional.empty();
    }

    boolean isExtendedSupportBox(String mailbox) {
        return properties.mailboxes() != null && properties.mailboxes().stream()
                .anyMatch(m -> m.extendedSupport() && m.address().equalsIgnoreCase(mailbox));
    }

    /** A copy that made a ticket, a reply or an answer (an IGNORED copy did nothing). */
    private static boolean acted(InboundMail copy) {
        return copy.status() == InboundStatus.PROCESSED || copy.status() == InboundStatus.REFUSED;
    }
}
