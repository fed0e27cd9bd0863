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

@Repository
public class InboundMailRepository {

    private static final String COLUMNS = """
            id, mailbox, message_key, message_id, sender, subject, size_bytes, received_at, status, outcome, ticket_id,
            accepted_by, accepted_at, attempts""";

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

    /** Ids waiting for processing, including claims of a node that died mid-way. */
    List<Long> claimable(Instant staleBefore) {
        return jdbc.sql("""
                        select id from inbound_mail
                        where status = 'STORED' or (status = 'PROCESSING' and claimed_at < ?)
                        order by id""")
                .param(utc(staleBefore))
                .query(Long.class)
                .list();
    }

    /** Takes the message for this node; false when another node has it (processed once, Q2/Q3). */
    boolean claim(long id, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                        update inbound_mail set status = 'PROCESSING', claimed_at = ?, attempts = attempts + 1
                        where id = ? and (status = 'STORED' or (status = 'PROCESSING' and claimed_at < ?))""")
                .params(utc(now), id, utc(staleBefore))
                .update() == 1;
    }

    byte[] raw(long id) {
        return jdbc.sql("select raw from inbound_mail where id = ?").param(id).query(byte[].class).single();
    }

    void finish(long id, InboundStatus status, String outcome, Long ticketId, Instant now) {
        jdbc.sql("update inbound_mail set status = ?, outcome = ?, ticket_id = ?, processed_at = ? where id = ?")
                .params(status.name(), outcome == null ? null : abbreviate(outcome), ticketId, utc(now), id)
                .update();
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

    /** Which ticket a customer's own mail (by Message-ID) started or joined. */
    Optional<Long> ticketOfMessageId(String messageId) {
        return jdbc.sql("select ticket_id from inbound_mail where message_id = ? and ticket_id is not null")
                .param(messageId).query(Long.class).optional();
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
                rs.getString("accepted_by"), acceptedAt == null ? null : acceptedAt.toInstant(), rs.getInt("attempts"));
    }
}
