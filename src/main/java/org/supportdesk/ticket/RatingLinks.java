package org.supportdesk.ticket;

/**
 * The satisfaction survey's links for one recipient of a ticket's "solved" mail (issue #14; made by the
 * {@code survey} feature, which the ticket feature does not depend on).
 */
public interface RatingLinks {

    /**
     * A good and a bad link for this ticket and this person, each opening the survey page with that answer chosen;
     * the page sends it (opening a link records nothing: mail scanners open links).
     */
    Links of(Ticket ticket, String email);

    record Links(String good, String bad) {
    }
}
