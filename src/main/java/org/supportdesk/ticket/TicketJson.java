package org.supportdesk.ticket;

import java.time.Instant;
import java.util.List;
import org.supportdesk.attachment.Attachment;

/** The customer API's ticket JSON. */
final class TicketJson {

    private TicketJson() {
    }

    record Person(String email, String name) {
    }

    record Item(String number, String summary, String status, String priority, String product, String concernType,
                Person requester, Instant createdAt, Instant lastActivityAt) {
        static Item of(Ticket t) {
            return new Item(t.number(), t.summary(), t.status().name(), t.priority().name(),
                    t.product() == null ? null : t.product().name(), t.concernType().name(),
                    new Person(t.requesterEmail(), t.requesterName()), t.createdAt(), t.lastActivityAt());
        }
    }

    record PageView(List<Item> items, int page, int size, long total) {
    }

    record File(long id, String name, long size, String sha256, String contentType, boolean discouraged, String url) {
        static File of(Attachment a) {
            return new File(a.id(), a.fileName(), a.size(), a.sha256(), a.contentType(), a.discouraged(),
                    "/api/tickets/" + TicketNumber.of(a.ticketId()) + "/attachments/" + a.id());
        }
    }

    record Message(long id, String authorType, Person author, String channel, String body, Instant createdAt,
                   List<File> attachments) {
        static Message of(TicketMessage m, List<Attachment> attachments) {
            // staff are shown by name only: their login ids are not the customer's business
            Person author = m.authorType() == AuthorType.CUSTOMER ? new Person(m.author(), m.authorName())
                    : new Person(null, m.authorName());
            return new Message(m.id(), m.authorType().name(), author, m.channel().name(), m.body(), m.createdAt(),
                    attachments.stream().filter(a -> a.messageId() != null && a.messageId() == m.id())
                            .map(File::of).toList());
        }
    }

    record Details(String number, String status, String closeReason, String priority, String team, String channel,
                   String product, String topic, String concernType, String summary, String description,
                   String stepsToReproduce, String desiredOutcome, String businessImpact,
                   String businessImpactStatement, String organizationId, Person requester, List<String> cc,
                   List<Message> conversation, List<File> attachments, String followUpOf, List<String> followUps,
                   String duplicateOf, List<String> duplicates, boolean firstResponseBreached, Instant createdAt, Instant lastActivityAt, Instant closedAt,
                   String notice) {

        static Details of(Ticket t, List<String> cc, List<TicketMessage> messages, List<Attachment> attachments,
                          List<Long> followUps, Long duplicateOf, List<Long> duplicates) {
            return new Details(t.number(), t.status().name(), name(t.closeReason()), t.priority().name(), t.team(),
                    t.channel().name(), name(t.product()), name(t.topic()), t.concernType().name(), t.summary(),
                    t.description(), t.stepsToReproduce(), t.desiredOutcome(), t.businessImpact().name(),
                    t.businessImpactStatement(), t.organizationId(), new Person(t.requesterEmail(), t.requesterName()),
                    cc, messages.stream().map(m -> Message.of(m, attachments)).toList(),
                    attachments.stream().map(File::of).toList(),
                    t.followUpOf() == null ? null : TicketNumber.of(t.followUpOf()),
                    followUps.stream().map(TicketNumber::of).toList(),
                    duplicateOf == null ? null : TicketNumber.of(duplicateOf),
                    duplicates.stream().map(TicketNumber::of).toList(), t.firstResponseBreached(), t.createdAt(),
                    t.lastActivityAt(), t.closedAt(), null);
        }

        /** The same ticket with a message for the person who filed it. */
        Details withNotice(String text) {
            return new Details(number, status, closeReason, priority, team, channel, product, topic, concernType,
                    summary, description, stepsToReproduce, desiredOutcome, businessImpact, businessImpactStatement,
                    organizationId, requester, cc, conversation, attachments, followUpOf, followUps, duplicateOf,
                    duplicates, firstResponseBreached, createdAt, lastActivityAt, closedAt, text);
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }
}
