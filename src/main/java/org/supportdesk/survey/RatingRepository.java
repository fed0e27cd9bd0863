package org.supportdesk.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.supportdesk.survey.Satisfaction.Given;
import org.supportdesk.survey.Satisfaction.Rating;

/**
 * The ratings ({@code ticket_rating}): written by {@link Satisfaction}, read by it and, for the manager dashboard,
 * by {@link #ratedBetween}.
 */
@Repository
public class RatingRepository {

    private static final String COLUMNS = "email, rating, rating_comment, first_rated_at, rated_at";

    private final JdbcClient jdbc;

    RatingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rating given at {@code at}: its ticket, whether it was good, when. */
    public record Rated(long ticketId, boolean good, Instant at) {
    }

    /** Every rating last given in {@code [start, end)}, by the index on {@code rated_at}. */
    public List<Rated> ratedBetween(Instant start, Instant end) {
        return jdbc.sql("select ticket_id, rating, rated_at from ticket_rating"
                        + " where rated_at >= :start and rated_at < :end")
                .paramSource(Map.of("start", utc(start), "end", utc(end)))
                .query((rs, row) -> new Rated(rs.getLong("ticket_id"), Rating.GOOD.name().equals(rs.getString("rating")),
                        rs.getObject("rated_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    void insert(long ticketId, String email, Rating rating, Instant now) {
        jdbc.sql("""
                        insert into ticket_rating (ticket_id, email, rating, first_rated_at, rated_at)
                        values (?, ?, ?, ?, ?)""")
                .params(ticketId, email, rating.name(), utc(now), utc(now)).update();
    }

    void changeRating(long ticketId, String email, Rating rating, Instant now) {
        jdbc.sql("update ticket_rating set rating = ?, rated_at = ? where ticket_id = ? and email = ?")
                .params(rating.name(), utc(now), ticketId, email).update();
    }

    /** {@code comment} null removes it. */
    void comment(long ticketId, String email, String comment, Instant now) {
        jdbc.sql("update ticket_rating set rating_comment = ?, rated_at = ? where ticket_id = ? and email = ?")
                .params(comment, utc(now), ticketId, email).update();
    }

    /** Every rating of a ticket, first given first. */
    List<Given> of(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from ticket_rating where ticket_id = ? order by first_rated_at, email")
                .param(ticketId).query((rs, row) -> given(rs)).list();
    }

    /** A person's rating of a ticket; {@code lock}: its row locked until the transaction ends. */
    Optional<Given> given(long ticketId, String email, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from ticket_rating"
                        + " where ticket_id = ? and email = ?" + (lock ? " for update" : ""))
                .params(ticketId, email).query((rs, row) -> given(rs)).optional();
    }

    private static Given given(ResultSet rs) throws SQLException {
        return new Given(rs.getString("email"), Rating.valueOf(rs.getString("rating")), rs.getString("rating_comment"),
                rs.getObject("first_rated_at", OffsetDateTime.class).toInstant(),
                rs.getObject("rated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
