package org.supportdesk.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.supportdesk.cluster.ClusterNode;

@Repository
public class InboundMailRepository {

    private static final String COLUMNS = """
            id, mailbox, message_key, message_id, sender, subject, size_bytes, received_at, status, outcome, ticket_id,
            accepted_by, accepted_at, attempts, retries, last_error""";

    private final JdbcClient jdbc;

    InboundMailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the message unless one with the same key is already stored; returns whether it was new. */
    boolean insertIfNew(String mailbox, String messageKey, String messageId, String sender, String subject, byte[] raw,
                        Instant receivedAt) {
        try {
            jdbc.sql("""
                            insert into inbound_mail (mailbox, message_key, message_id, sender, subject, size_bytes, raw,
                                received_at, status)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(mailbox, messageKey, messageId, sender, subject, (long) raw.length, raw, utc(receivedAt),
                            InboundStatus.STORED.name())
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyStored) {
            return false;
        }
    }

    /**
     * Keeps a message the desk did not download, already FAILED with the reason; {@code raw} holds only what is known
     * of it. Returns whether it was new.
     */
    boolean insertFailedIfNew(String mailbox, String messageKey, String messageId, String sender, String subject,
                              long size, byte[] raw, Instant receivedAt, String outcome) {
        try {
            jdbc.sql("""
                            insert into inbound_mail (mailbox, message_key, message_id, sender, subject, size_bytes, raw,
                                received_at, status, outcome, processed_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(mailbox, messageKey, messageId, sender, subject, size, raw, utc(receivedAt),
                            InboundStatus.FAILED.name(), abbreviate(outcome), utc(receivedAt))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyStored) {
            return false;
        }
    }

    private static final String DUE = """
            (status = 'STORED' and (next_attempt_at is null or next_attempt_at <= :now))
            or (status = 'PROCESSING' and (claimed_by is null or claimed_by not in (""" + ClusterNode.ALIVE_NODES + "))) ";

    /**
     * Ids due for processing, oldest first: stored ones whose time has come (a retry waits for its back-off), and
     * those a node claimed before it stopped beating.
     */
    List<Long> due(Instant now, Instant aliveSince) {
        return jdbc.sql("select id from inbound_mail where " + DUE + " order by id")
                .param("now", utc(now)).param("aliveSince", utc(aliveSince))
                .query(Long.class)
                .list();
    }

    /** Takes the message for this node; false when another node has it (processed once, Q2/Q3). */
    boolean claim(long id, String node, Instant now, Instant aliveSince) {
        return jdbc.sql("update inbound_mail set status = 'PROCESSING', claimed_by = :node, claimed_at = :now,"
                        + " attempts = attempts + 1 where id = :id and (" + DUE + ")")
                .param("node", node).param("now", utc(now)).param("id", id).param("aliveSince", utc(aliveSince))
                .update() == 1;
    }

    byte[] raw(long id) {
        return jdbc.sql("select raw from inbound_mail where id = ?").param(id).query(byte[].class).single();
    }

    /**
     * What became of the message, written in the transaction that did it; false when this node's claim was taken
     * over meanwhile (the node was thought dead): the caller rolls back, the other node's work counts.
     */
    boolean finish(long id, String node, InboundStatus status, String outcome, Long ticketId, Instant now) {
        return jdbc.sql("""
                        update inbound_mail set status = ?, outcome = ?, ticket_id = ?, processed_at = ?, claimed_by = null,
                            next_attempt_at = null
                        where id = ? and claimed_by = ?""")
                .params(status.name(), outcome == null ? null : abbreviate(outcome), ticketId, utc(now), id, node)
                .update() == 1;
    }

    /**
     * Back to be processed at {@code retryAt} (after a transient error, or while the message waits for its copy in
     * another mailbox); {@code failed} counts a transient failure.
     */
    void retryAt(long id, String node, Instant retryAt, String outcome, String error, boolean failed) {
        jdbc.sql("""
                        update inbound_mail set status = 'STORED', claimed_by = null, attempts = 0, next_attempt_at = ?,
                            outcome = ?, last_error = ?, retries = retries + ?
                        where id = ? and claimed_by = ?""")
                .params(utc(retryAt), outcome == null ? null : abbreviate(outcome),
                        error == null ? null : abbreviate(error), failed ? 1 : 0, id, node)
                .update();
    }

    /**
     * A staff member sends a FAILED message, or a STORED one waiting for its next try after a transient error, through
     * processing again, now; false when there is no such message with this id.
     */
    boolean redrive(long id, String staff, Instant now) {
        return jdbc.sql("""
                        update inbound_mail set status = 'STORED', claimed_by = null, attempts = 0, retries = 0,
                            next_attempt_at = null, outcome = ?
                        where id = ? and size_bytes = octet_length(raw)
                            and (status = 'FAILED' or (status = 'STORED' and next_attempt_at is not null))""")
                .params(abbreviate("Retried by " + staff + " at " + now + "; waiting to be processed"), id)
                .update() == 1;
    }

    /**
     * The copies of a message (same Message-ID, other mailboxes), this one's row locked with them, in id order (two
     * nodes processing two copies take turns instead of both acting).
     */
    List<InboundMail> lockCopies(String messageId, long id) {
        if (messageId == null) {
            return List.of();
        }
        jdbc.sql("select id from inbound_mail where message_id = ? or id = ? order by id for update")
                .params(messageId, id).query(Long.class).list();
        return copies(messageId, id);
    }

    /** The other copies of a message (same Message-ID, other mailboxes). */
    List<InboundMail> copies(String messageId, long exceptId) {
        if (messageId == null) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from inbound_mail where message_id = ? and id <> ? order by id")
                .params(messageId, exceptId).query(InboundMailRepository::mail).list();
    }

    /**
     * Puts an UNVERIFIED message back to be processed, with the staff member who vouched for its sender; false when
     * there is no UNVERIFIED message with this id.
     */
    boolean accept(long id, String staff, Instant now) {
        return jdbc.sql("""
                        update inbound_mail set status = 'STORED', accepted_by = ?, accepted_at = ?, outcome = ?,
                            claimed_at = null, attempts = 0
                        where id = ? and status = 'UNVERIFIED'""")
                .params(staff, utc(now), abbreviate("Sender vouched for by " + staff + "; waiting to be processed"),
                        id)
                .update() == 1;
    }

    public Optional<InboundMail> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from inbound_mail where id = ?").param(id)
                .query(InboundMailRepository::mail).optional();
    }

    public List<InboundMail> list(InboundStatus status, int limit) {
        if (status == null) {
            return jdbc.sql("select " + COLUMNS + " from inbound_mail order by id desc limit ?").param(limit)
                    .query(InboundMailRepository::mail).list();
        }
        return jdbc.sql("select " + COLUMNS + " from inbound_mail where status = ? order by id desc limit ?")
                .params(status.name(), limit).query(InboundMailRepository::mail).list();
    }

    /**
     * Which ticket a customer's own mail (by Message-ID) started or joined. A message that reached several mailboxes
     * is several rows naming the same ticket: the first is asked.
     */
    Optional<Long> ticketOfMessageId(String messageId) {
        return jdbc.sql("select ticket_id from inbound_mail where message_id = ? and ticket_id is not null"
                        + " order by id limit 1")
                .param(messageId).query(Long.class).optional();
    }

    /** A received mail as the manager dashboard lists it. */
    public record NeedingAPerson(long id, InboundStatus status, String mailbox, String sender, String subject,
                                 String outcome, OffsetDateTime receivedAt) {
    }

    /**
     * The newest {@code limit} received mails that need a person: FAILED or STORED after a transient error, waiting
     * for its next try (retry), or UNVERIFIED (accept).
     */
    public List<NeedingAPerson> needingAPerson(int limit) {
        return jdbc.sql("""
                        select id, status, mailbox, sender, subject, outcome, received_at from inbound_mail
                        where status in ('FAILED', 'UNVERIFIED') or (status = 'STORED' and retries > 0)
                        order by id desc""" + " limit " + limit)
                .query((rs, row) -> new NeedingAPerson(rs.getLong("id"), InboundStatus.valueOf(rs.getString("status")),
                        rs.getString("mailbox"), rs.getString("sender"), rs.getString("subject"),
                        rs.getString("outcome"), rs.getObject("received_at", OffsetDateTime.class)))
                .list();
    }

    /** How many received mails have this status (the metrics). */
    public long countWithStatus(InboundStatus status) {
        return jdbc.sql("select count(*) from inbound_mail where status = ?").param(status.name())
                .query(Long.class).single();
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static InboundMail mail(ResultSet rs, int row) throws SQLException {
        long ticket = rs.getLong("ticket_id");
        Long ticketId = rs.wasNull() ? null : ticket;
        OffsetDateTime acceptedAt = rs.getObject("accepted_at", OffsetDateTime.class);
        return new InboundMail(rs.getLong("id"), rs.getString("mailbox"), rs.getString("message_key"),
                rs.getString("message_id"), rs.getString("sender"), rs.getString("subject"), rs.getLong("size_bytes"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                InboundStatus.valueOf(rs.getString("status")), rs.getString("outcome"), ticketId,
                rs.getString("accepted_by"), acceptedAt == null ? null : acceptedAt.toInstant(), rs.getInt("attempts"),
                rs.getInt("retries"), rs.getString("last_error"));
    }
}
