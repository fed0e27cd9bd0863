package org.supportdesk.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.supportdesk.cluster.ClusterNode;

@Repository
public class OutboundMailRepository {

    static final String QUEUED = "QUEUED";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    /** could not be sent at once: the mail-delivery process retries it (and shows it in Cockpit) */
    static final String DELEGATED = "DELEGATED";

    private final JdbcClient jdbc;

    OutboundMailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Long ticketId, String businessKey, RenderedMail mail, String messageId, String inReplyTo,
                String references, List<String> to, List<String> cc, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into outbound_mail (ticket_id, business_key, template, message_id, in_reply_to,
                            mail_references, recipients, cc, subject, body, auto_submitted, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticketId, businessKey, mail.template(), messageId, inReplyTo, references, String.join(",", to),
                        cc.isEmpty() ? null : String.join(",", cc), mail.subject(), mail.body(),
                        mail.autoSubmitted(), QUEUED, now.atOffset(ZoneOffset.UTC))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The files the mail carries as MIME attachments, in order. */
    void addFiles(long mailId, List<MailFile> files) {
        for (int i = 0; i < files.size(); i++) {
            MailFile file = files.get(i);
            jdbc.sql("""
                            insert into outbound_mail_file (mail_id, file_index, file_name, content_type, size_bytes,
                                sha256)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(mailId, i, file.fileName(), file.contentType(), file.size(), file.sha256())
                    .update();
        }
    }

    List<MailFile> files(long mailId) {
        return jdbc.sql("""
                        select file_name, content_type, size_bytes, sha256 from outbound_mail_file where mail_id = ?
                        order by file_index""")
                .param(mailId)
                .query((rs, row) -> new MailFile(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("sha256")))
                .list();
    }

    Optional<OutboundMail> find(long id) {
        return jdbc.sql("""
                        select id, ticket_id, business_key, template, message_id, in_reply_to, mail_references, recipients, cc, subject,
                            body, auto_submitted, status, created_at
                        from outbound_mail where id = ?""")
                .param(id)
                .query(OutboundMailRepository::mail)
                .optional();
    }

    /** The Message-ID of the last mail sent about a ticket, to thread the next one under it. */
    Optional<String> lastMessageId(long ticketId) {
        return jdbc.sql("select message_id from outbound_mail where ticket_id = ? order by id desc limit 1")
                .param(ticketId)
                .query(String.class)
                .optional();
    }

    /** Which ticket a Message-ID the desk sent belongs to (used to match replies). */
    public Optional<Long> ticketOfMessageId(String messageId) {
        return jdbc.sql("select ticket_id from outbound_mail where message_id = ? and ticket_id is not null")
                .param(messageId)
                .query(Long.class)
                .optional();
    }

    /** How many of these automatic answers went to {@code recipient} since {@code since} (R5 cap). */
    public int countSentTo(String recipient, List<String> templates, Instant since) {
        return jdbc.sql("select count(*) from outbound_mail where recipients = :to and template in (:templates)"
                        + " and created_at >= :since")
                .param("to", recipient).param("templates", templates).param("since", since.atOffset(ZoneOffset.UTC))
                .query(Integer.class).single();
    }

    /**
     * Ids of mails due to be sent, oldest first: waiting ones whose time has come, and those a node claimed before it
     * stopped beating (claimed_by not among the nodes alive since {@code aliveSince}).
     */
    List<Long> due(int limit, Instant now, Instant aliveSince) {
        return jdbc.sql("select id from outbound_mail where " + DUE + " order by id limit :limit")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("aliveSince", aliveSince.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Takes a mail for this node; false when another node already has it (each mail is sent by one node). */
    boolean claim(long id, String node, Instant now, Instant aliveSince) {
        return jdbc.sql("update outbound_mail set status = 'SENDING', claimed_by = :node, claimed_at = :now"
                        + " where id = :id and (" + DUE + ")")
                .param("node", node).param("now", now.atOffset(ZoneOffset.UTC)).param("id", id)
                .param("aliveSince", aliveSince.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    private static final String DUE = """
            (status = 'QUEUED' and (next_attempt_at is null or next_attempt_at <= :now))
            or (status = 'SENDING' and (claimed_by is null or claimed_by not in (""" + ClusterNode.ALIVE_NODES + "))) ";

    /** Mails this node claimed but could not send now: they wait until {@code retryAt}, for any node. */
    void release(List<Long> ids, String node, Instant retryAt, String reason) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            update outbound_mail set status = 'QUEUED', claimed_by = null, next_attempt_at = :retryAt,
                                last_error = :reason
                            where id in (:ids) and claimed_by = :node""")
                    .param("retryAt", retryAt.atOffset(ZoneOffset.UTC)).param("ids", ids).param("node", node)
                    .param("reason", reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .update();
        }
    }

    void markDelegated(long id, String error) {
        jdbc.sql("update outbound_mail set status = ?, last_error = ? where id = ?")
                .params(DELEGATED, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error, id)
                .update();
    }

    List<OutboundMail> find(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, ticket_id, business_key, template, message_id, in_reply_to, mail_references, recipients, cc, subject,
                            body, auto_submitted, status, created_at
                        from outbound_mail where id in (:ids) order by id""")
                .param("ids", ids)
                .query(OutboundMailRepository::mail)
                .list();
    }

    void markSent(long id, Instant now) {
        jdbc.sql("update outbound_mail set status = ?, sent_at = ? where id = ?")
                .params(SENT, now.atOffset(ZoneOffset.UTC), id)
                .update();
    }

    /** A mail the SMTP server did not take, handed to the mail-delivery process (the manager dashboard). */
    public record Undelivered(long id, Long ticketId, String template, String recipients, String lastError,
                              OffsetDateTime createdAt) {
    }

    /** The newest {@code limit} mails handed to the mail-delivery process. */
    public List<Undelivered> delegated(int limit) {
        return jdbc.sql("""
                        select m.id, m.ticket_id, m.template, m.recipients, m.last_error, m.created_at
                        from outbound_mail m where m.status = 'DELEGATED' order by m.id desc""" + " limit " + limit)
                .query((rs, row) -> {
                    long ticket = rs.getLong("ticket_id");
                    Long ticketId = rs.wasNull() ? null : ticket;
                    return new Undelivered(rs.getLong("id"), ticketId, rs.getString("template"),
                            rs.getString("recipients"), rs.getString("last_error"),
                            rs.getObject("created_at", OffsetDateTime.class));
                }).list();
    }

    /** How many mails have this status ({@code QUEUED}, {@code SENDING}, {@code DELEGATED}, …; the metrics). */
    public long countWithStatus(String status) {
        return jdbc.sql("select count(*) from outbound_mail where status = ?").param(status).query(Long.class).single();
    }

    private static OutboundMail mail(ResultSet rs, int row) throws SQLException {
        long ticket = rs.getLong("ticket_id");
        Long ticketId = rs.wasNull() ? null : ticket;
        String cc = rs.getString("cc");
        return new OutboundMail(rs.getLong("id"), ticketId, rs.getString("business_key"), rs.getString("template"), rs.getString("message_id"),
                rs.getString("in_reply_to"), rs.getString("mail_references"),
                Arrays.asList(rs.getString("recipients").split(",")),
                cc == null ? List.of() : Arrays.asList(cc.split(",")), rs.getString("subject"), rs.getString("body"),
                rs.getString("auto_submitted"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
