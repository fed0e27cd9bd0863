package org.supportdesk.ticket;

import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.StoredFile;
import org.supportdesk.catalog.ConcernType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.supportdesk.catalog.Product;

@Repository
public class TicketRepository {

    private static final String TICKET_COLUMNS = """
            id, organization_id, requester_email, requester_name, channel, product, topic, concern_type, summary,
            description, steps_to_reproduce, desired_outcome, business_impact, business_impact_statement, status,
            close_reason, priority, team, assignee, follow_up_of, first_response_breached, created_at,
            last_activity_at, closed_at, origin_message_id""";

    private final JdbcClient jdbc;
    private final TicketTerms terms;

    TicketRepository(JdbcClient jdbc, TicketTerms terms) {
        this.jdbc = jdbc;
        this.terms = terms;
    }

    /** Inserts the ticket and returns its id, from which its number derives. */
    public long insert(NewTicket t, Priority priority, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into ticket (organization_id, requester_email, requester_name, channel, product, topic,
                            concern_type, summary, description, steps_to_reproduce, desired_outcome, business_impact,
                            business_impact_statement, status, priority, follow_up_of, created_at, last_activity_at,
                            origin_message_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.organizationId(), t.requesterEmail(), t.requesterName(), t.channel().name(),
                        name(t.product()), name(t.topic()), t.concernType().name(), t.summary(), t.description(),
                        t.stepsToReproduce(), t.desiredOutcome(), t.businessImpact().name(),
                        t.businessImpactStatement(), TicketStatus.NEW.name(), priority.name(), t.followUpOf(),
                        utc(now), utc(now), t.originMessageId())
                .update(key, "id");
        long id = key.getKey().longValue();
        for (String cc : t.cc()) {
            jdbc.sql("insert into ticket_cc (ticket_id, email) values (?, ?)").params(id, cc).update();
        }
        terms.index(id, t.summary(), t.description(), t.stepsToReproduce(), t.desiredOutcome(),
                t.businessImpactStatement());
        return id;
    }

    public Optional<Ticket> find(long id) {
        return jdbc.sql("select " + TICKET_COLUMNS + " from ticket where id = ?")
                .param(id)
                .query(TicketRepository::ticket)
                .optional();
    }

    /** The ticket with its row locked until the transaction ends: a reply and a close or an answer take turns. */
    public Optional<Ticket> lock(long id) {
        return jdbc.sql("select " + TICKET_COLUMNS + " from ticket where id = ? for update")
                .param(id)
                .query(TicketRepository::ticket)
                .optional();
    }

    public Optional<Ticket> findByNumber(String number) {
        return TicketNumber.parse(number).flatMap(this::find);
    }

    public List<String> cc(long ticketId) {
        return jdbc.sql("select email from ticket_cc where ticket_id = ? order by email")
                .param(ticketId).query(String.class).list();
    }

    public List<Long> followUps(long ticketId) {
        return jdbc.sql("select id from ticket where follow_up_of = ? order by id")
                .param(ticketId).query(Long.class).list();
    }

    /** The ticket this one was closed as a duplicate of, if any. */
    public Long duplicateOf(long ticketId) {
        return jdbc.sql("select duplicate_of from ticket where id = ?").param(ticketId).query(Long.class).optional()
                .orElse(null);
    }

    /** The tickets closed as duplicates of this one. */
    public List<Long> duplicates(long ticketId) {
        return jdbc.sql("select id from ticket where duplicate_of = ? order by id")
                .param(ticketId).query(Long.class).list();
    }

    public void markDuplicateOf(long duplicateId, long keptId) {
        jdbc.sql("update ticket set duplicate_of = ? where id = ?").params(keptId, duplicateId).update();
    }

    /** Adds CCs that the ticket does not have yet. */
    public void addCc(long ticketId, List<String> emails) {
        List<String> present = cc(ticketId);
        emails.stream().distinct().filter(e -> !present.contains(e)).forEach(e ->
                jdbc.sql("insert into ticket_cc (ticket_id, email) values (?, ?)").params(ticketId, e).update());
    }

    public void updateStatus(long id, TicketStatus status, CloseReason reason, Instant now) {
        jdbc.sql("""
                        update ticket set status = ?, close_reason = ?, closed_at = ?, last_activity_at = ?
                        where id = ?""")
                .params(status.name(), name(reason), status == TicketStatus.CLOSED ? utc(now) : null, utc(now), id)
                .update();
    }

    /** Moves the ticket to a team queue and priority; a change is kept with who made it (null: the desk itself). */
    public void updateRouting(long id, Priority priority, String team, String by, Instant at) {
        Ticket before = find(id).orElseThrow();
        if (before.priority() == priority && java.util.Objects.equals(before.team(), team)) {
            return;
        }
        jdbc.sql("update ticket set priority = ?, team = ? where id = ?")
                .params(priority.name(), team, id)
                .update();
        jdbc.sql("""
                        insert into ticket_routing_change (ticket_id, changed_at, changed_by, old_team, new_team,
                            old_priority, new_priority) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, utc(at), by, before.team(), team, before.team() == null ? null : before.priority().name(),
                        priority.name())
                .update();
    }

    /** A change of team queue and/or priority; {@code oldTeam} is null at the first routing. */
    public record RoutingChange(Instant at, String by, String oldTeam, String newTeam, String oldPriority,
                                String newPriority) {
    }

    /** The ticket's routing changes, oldest first. */
    public List<RoutingChange> routingChanges(long ticketId) {
        return jdbc.sql("""
                        select changed_at, changed_by, old_team, new_team, old_priority, new_priority
                        from ticket_routing_change where ticket_id = ? order by id""")
                .param(ticketId)
                .query((rs, row) -> new RoutingChange(rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("changed_by"), rs.getString("old_team"), rs.getString("new_team"),
                        rs.getString("old_priority"), rs.getString("new_priority")))
                .list();
    }

    /** Triage settles what a mailed request did not say (R6b). */
    public void updateClassification(long id, Product product, Topic topic) {
        jdbc.sql("update ticket set product = ?, topic = ? where id = ?").params(name(product), name(topic), id).update();
    }

    public void updateAssignee(long id, String assignee) {
        jdbc.sql("update ticket set assignee = ? where id = ?").params(assignee, id).update();
    }

    /** R11: when support first answered or decided; a later answer does not move it. */
    public void recordFirstResponse(long id, Instant at) {
        jdbc.sql("update ticket set first_responded_at = ? where id = ? and first_responded_at is null")
                .params(at.atOffset(ZoneOffset.UTC), id).update();
    }

    /** When support first answered or decided (R11), if it did. */
    public Optional<Instant> firstRespondedAt(long id) {
        return jdbc.sql("select first_responded_at from ticket where id = ?").param(id)
                .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class)).list().stream()
                .filter(java.util.Objects::nonNull).map(java.time.OffsetDateTime::toInstant).findFirst();
    }

    public void markFirstResponseBreached(long id) {
        jdbc.sql("update ticket set first_response_breached = true where id = ?").param(id).update();
    }

    public void touch(long id, Instant now) {
        jdbc.sql("update ticket set last_activity_at = ? where id = ?").params(utc(now), id).update();
    }

    public long addMessage(long ticketId, String author, String authorName, AuthorType type, Channel channel,
                           String body, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into ticket_message (ticket_id, author, author_name, author_type, channel, body, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(ticketId, author, authorName, type.name(), channel.name(), body, utc(now))
                .update(key, "id");
        touch(ticketId, now);
        terms.index(ticketId, body);
        return key.getKey().longValue();
    }

    public List<TicketMessage> messages(long ticketId) {
        return jdbc.sql("""
                        select id, ticket_id, author, author_name, author_type, channel, body, created_at
                        from ticket_message where ticket_id = ? order by created_at, id""")
                .param(ticketId)
                .query((rs, row) -> new TicketMessage(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author"),
                        rs.getString("author_name"), AuthorType.valueOf(rs.getString("author_type")),
                        Channel.valueOf(rs.getString("channel")), rs.getString("body"), instant(rs, "created_at")))
                .list();
    }


    /** A customer's file: uploaded by the author of its message, or (with the request) by the ticket's requester. */
    public long addAttachment(long ticketId, Long messageId, StoredFile file, boolean discouraged, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into attachment (ticket_id, message_id, file_name, content_type, size_bytes, sha256,
                            discouraged, created_at, uploaded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, coalesce((select m.author from ticket_message m where m.id = ?),
                            (select t.requester_email from ticket t where t.id = ?)))""")
                .params(ticketId, messageId, file.fileName(), file.contentType(), file.size(), file.sha256(),
                        discouraged, utc(now), messageId, ticketId)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * A file a staff member attaches to their answer: stored before the answer's message exists, and linked to it by
     * {@link #linkAnswerFiles} in the same transaction.
     */
    public long addAnswerFile(long ticketId, StoredFile file, boolean discouraged, String uploadedBy, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into attachment (ticket_id, message_id, file_name, content_type, size_bytes, sha256,
                            discouraged, created_at, uploaded_by)
                        values (?, null, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticketId, file.fileName(), file.contentType(), file.size(), file.sha256(), discouraged,
                        utc(now), uploadedBy)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Links the answer's files to its message: only files of this ticket that {@code uploadedBy} attached and that no
     * message has yet. Returns how many were linked.
     */
    public int linkAnswerFiles(long ticketId, long messageId, List<Long> attachmentIds, String uploadedBy) {
        if (attachmentIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update attachment set message_id = :message
                        where ticket_id = :ticket and id in (:ids) and message_id is null and uploaded_by = :by""")
                .param("message", messageId).param("ticket", ticketId).param("ids", attachmentIds)
                .param("by", uploadedBy)
                .update();
    }

    public List<Attachment> attachments(long ticketId) {
        return jdbc.sql("""
                        select id, ticket_id, message_id, file_name, content_type, size_bytes, sha256, discouraged, created_at,
                            uploaded_by
                        from attachment where ticket_id = ? order by id""")
                .param(ticketId)
                .query(TicketRepository::attachment)
                .list();
    }

    public Optional<Attachment> attachment(long ticketId, long attachmentId) {
        return jdbc.sql("""
                        select id, ticket_id, message_id, file_name, content_type, size_bytes, sha256, discouraged, created_at,
                            uploaded_by
                        from attachment where ticket_id = ? and id = ?""")
                .params(ticketId, attachmentId)
                .query(TicketRepository::attachment)
                .optional();
    }

    /** R17: one page of a view, newest activity first; every view is of the caller's current organisation only. */
    public Page page(TicketView view, String email, String organizationId, TicketStatus status, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        switch (view) {
            case MINE -> {
                // R17: filed by me in my current organisation; what I filed in one I have left is not mine to see
                where.append("t.requester_email = ? and t.organization_id = ?");
                params.add(email);
                params.add(organizationId);
            }
            case CC -> {
                where.append("t.id in (select c.ticket_id from ticket_cc c where c.email = ?) and t.organization_id = ?");
                params.add(email);
                params.add(organizationId);
            }
            case ORGANIZATION -> {
                where.append("t.organization_id = ?");
                params.add(organizationId);
            }
        }
        if (status != null) {
            where.append(" and t.status = ?");
            params.add(status.name());
        }
        long total = jdbc.sql("select count(*) from ticket t where " + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Ticket> items = jdbc.sql("select " + TICKET_COLUMNS + " from ticket t where " + where + " order by t.last_activity_at desc, t.id desc limit ? offset ?")
                .params(pageParams)
                .query(TicketRepository::ticket)
                .list();
        return new Page(items, page, size, total);
    }

    public record Page(List<Ticket> items, int page, int size, long total) {
    }

    private static Ticket ticket(ResultSet rs, int row) throws SQLException {
        long followUpOf = rs.getLong("follow_up_of");
        Long followUp = rs.wasNull() ? null : followUpOf;
        return new Ticket(rs.getLong("id"), rs.getString("organization_id"), rs.getString("requester_email"),
                rs.getString("requester_name"), Channel.valueOf(rs.getString("channel")),
                enumOrNull(Product.class, rs.getString("product")), enumOrNull(Topic.class, rs.getString("topic")),
                ConcernType.valueOf(rs.getString("concern_type")), rs.getString("summary"),
                rs.getString("description"), rs.getString("steps_to_reproduce"), rs.getString("desired_outcome"),
                BusinessImpact.valueOf(rs.getString("business_impact")), rs.getString("business_impact_statement"),
                TicketStatus.valueOf(rs.getString("status")),
                enumOrNull(CloseReason.class, rs.getString("close_reason")),
                Priority.valueOf(rs.getString("priority")), rs.getString("team"), rs.getString("assignee"),
                followUp, rs.getBoolean("first_response_breached"),
                instant(rs, "created_at"), instant(rs, "last_activity_at"), instant(rs, "closed_at"),
                rs.getString("origin_message_id"));
    }

    private static Attachment attachment(ResultSet rs, int row) throws SQLException {
        long messageId = rs.getLong("message_id");
        Long message = rs.wasNull() ? null : messageId;
        return new Attachment(rs.getLong("id"), rs.getLong("ticket_id"), message, rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getBoolean("discouraged"), instant(rs, "created_at"), rs.getString("uploaded_by"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    /** A removed member no longer receives the mail of the organisation's open tickets they were CC'd on. */
    public int removeCcFromOpenTickets(String organizationId, String email) {
        return jdbc.sql("""
                        delete from ticket_cc where email = ? and ticket_id in (
                            select id from ticket where organization_id = ? and status <> 'CLOSED')""")
                .params(email, organizationId).update();
    }
}
