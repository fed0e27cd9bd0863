package org.supportdesk.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.ticket.CustomerRecipients;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.web.Refusal;

/**
 * Satisfaction on close (issue #14). The "solved" mail gives the requester and each CC their own good and bad links,
 * without signing in. Opening a link records nothing ({@link #ask}): mail scanners open every link. The page it opens
 * sends the rating ({@link #rate}; by itself in a browser that runs scripts, with a button otherwise). Rating again
 * changes it for {@link #CHANGEABLE} after the first rating; the page takes a comment. Staff see the ratings on the
 * ticket (issue #21).
 */
@Service
public class Satisfaction {

    public static final Duration CHANGEABLE = Duration.ofDays(7);
    static final int COMMENT_MAX = 2_000;
    /** The key of what to do about a link that was not found (the survey page shows it under the refusal). */
    public static final String HINT = "problem.not-found.survey-link.hint";

    public enum Rating { GOOD, BAD }

    /** A person's rating of a ticket. */
    public record Given(String email, Rating rating, String comment, Instant firstRatedAt, Instant ratedAt) {
    }

    /** What a click or a comment met: the ticket, the person and their rating now. */
    public record Rated(Ticket ticket, Given given, boolean changeable) {
    }

    /** What an opened link asks: the ticket and the answer the link chose. */
    public record Question(Ticket ticket, Rating chosen) {
    }

    private final SurveyLinks links;
    private final TicketRepository tickets;
    private final RatingRepository ratings;
    private final Clock clock;
    private final CustomerRecipients recipients;

    Satisfaction(SurveyLinks links, TicketRepository tickets, RatingRepository ratings, Clock clock,
                 CustomerRecipients recipients) {
        this.recipients = recipients;
        this.links = links;
        this.tickets = tickets;
        this.ratings = ratings;
        this.clock = clock;
    }

    /**
     * An opened link: the question with the link's answer, recording nothing. Refused as {@link #rate} would refuse
     * it: an unknown or altered link, an answer other than good or bad, another answer than a rating that can no
     * longer be changed.
     */
    @Transactional(readOnly = true)
    public Question ask(String token, String value) {
        Rating rating = rating(value);
        Holder holder = holder(token);
        Optional<Given> given = given(holder.ticket().id(), holder.email(), false);
        if (given.isPresent() && given.get().rating() != rating && !changeable(given.get(), clock.instant())) {
            throw new Refusal(HttpStatus.GONE, "rating-final", given.get().rating().name().toLowerCase(Locale.ROOT));
        }
        return new Question(holder.ticket(), rating);
    }

    /** The rating the survey page sends: records it, or changes it within {@link #CHANGEABLE} of the first one. */
    @Transactional
    public Rated rate(String token, String value) {
        Rating rating = rating(value);
        Holder holder = holder(token);
        Instant now = clock.instant();
        Optional<Given> earlier = given(holder.ticket().id(), holder.email(), true);
        if (earlier.isEmpty()) {
            ratings.insert(holder.ticket().id(), holder.email(), rating, now);
        } else if (earlier.get().rating() != rating) {
            if (!changeable(earlier.get(), now)) {
                throw new Refusal(HttpStatus.GONE, "rating-final", earlier.get().rating().name().toLowerCase(Locale.ROOT));
            }
            ratings.changeRating(holder.ticket().id(), holder.email(), rating, now);
        }
        Given current = given(holder.ticket().id(), holder.email(), false).orElseThrow();
        return new Rated(holder.ticket(), current, changeable(current, now));
    }

    /** The comment on the page a click opened; a rating must have been given with the link first. */
    @Transactional
    public Rated comment(String token, String comment) {
        Holder holder = holder(token);
        Given given = given(holder.ticket().id(), holder.email(), true)
                .orElseThrow(() -> Refusal.conflict("rating-missing"));
        String text = comment == null ? "" : comment.strip();
        if (text.length() > COMMENT_MAX) {
            throw Refusal.invalidField("comment", "too-long", COMMENT_MAX);
        }
        Instant now = clock.instant();
        if (!changeable(given, now)) {
            throw new Refusal(HttpStatus.GONE, "rating-final", given.rating().name().toLowerCase(Locale.ROOT));
        }
        ratings.comment(holder.ticket().id(), holder.email(), text.isEmpty() ? null : text, now);
        Given updated = given(holder.ticket().id(), holder.email(), false).orElseThrow();
        return new Rated(holder.ticket(), updated, true);
    }

    /** Every rating of a ticket, first given first (staff only). */
    @Transactional(readOnly = true)
    public List<Given> of(long ticketId) {
        return ratings.of(ticketId);
    }

    private record Holder(Ticket ticket, String email) {
    }

    /**
     * The link's ticket and person: a solved ticket, and someone its customer mail goes to now (R2/R22: its requester
     * or one of its CCs while they are members of its organisation, or the contacts standing in for a requester who
     * has left). A link of someone who has left the organisation no longer opens its ticket.
     */
    private Holder holder(String token) {
        SurveyLinks.Holder signed = links.holder(token).orElseThrow(Satisfaction::unknownLink);
        Ticket ticket = tickets.find(signed.ticketId()).orElseThrow(Satisfaction::unknownLink);
        boolean recipient = recipients.of(ticket).all().stream().anyMatch(r -> r.equalsIgnoreCase(signed.email()));
        if (!recipient || ticket.status() != TicketStatus.CLOSED) {
            throw unknownLink();
        }
        return new Holder(ticket, signed.email());
    }

    /** An unknown, altered or no longer valid link: 404, with what to do in {@code hint}. */
    private static Refusal unknownLink() {
        return Refusal.notFound("survey-link").withText("hint", HINT);
    }

    private Optional<Given> given(long ticketId, String email, boolean lock) {
        return ratings.given(ticketId, email, lock);
    }

    private static boolean changeable(Given given, Instant now) {
        return now.isBefore(given.firstRatedAt().plus(CHANGEABLE));
    }

    private static Rating rating(String value) {
        try {
            return Rating.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("rating", "not-one-of", "good, bad");
        }
    }
}
