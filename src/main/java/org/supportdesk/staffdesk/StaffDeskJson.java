package org.supportdesk.staffdesk;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.supportdesk.attachment.Attachment;
import org.supportdesk.survey.Satisfaction;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNumber;

/** The staff API's JSON (issue #13). Only staff read it: it carries internal notes. */
final class StaffDeskJson {

    static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";
    static final String COCKPIT = "/camunda/app/cockpit/default/#/process-instance/";

    private StaffDeskJson() {
    }

    record SearchPage(long total, boolean totalExact, int page, int size, List<StaffDesk.Item> items) {
        static SearchPage of(StaffDesk.Results results) {
            return new SearchPage(results.total(), results.totalExact(), results.page(), results.size(),
                    results.items());
        }
    }

    record Person(String email, String name) {
    }

    record File(long id, String name, long size, String sha256, String contentType, boolean discouraged, String url) {
        /** The staff API's link (HTTP Basic). */
        static String staffApiUrl(Attachment a) {
            return "/api/staff/tickets/" + TicketNumber.of(a.ticketId()) + "/attachments/" + a.id();
        }

        static File of(Attachment a, Function<Attachment, String> url) {
            return new File(a.id(), a.fileName(), a.size(), a.sha256(), a.contentType(), a.discouraged(),
                    url.apply(a));
        }
    }

    record Message(long id, String authorType, Person author, String channel, String body, Instant createdAt,
                   List<File> attachments) {
        static Message of(TicketMessage m, List<Attachment> attachments, Function<Attachment, String> url) {
            return new Message(m.id(), m.authorType().name(), new Person(m.author(), m.authorName()),
                    m.channel().name(), m.body(), m.createdAt(), attachments.stream()
                    .filter(a -> a.messageId() != null && a.messageId() == m.id()).map(a -> File.of(a, url))
                    .toList());
        }
    }

    record Note(long id, Person author, String body, Instant createdAt) {
        static Note of(TicketNote n) {
            return new Note(n.id(), new Person(n.author(), n.authorName()), n.body(), n.createdAt());
        }
    }

    record Links(String original, List<String> followUps, List<String> duplicates) {
    }

    record Task(String id, String name, String assignee, Instant created, String tasklistUrl) {
    }

    record Process(String instanceId, String cockpitUrl) {
    }

    record Details(String number, String status, String closeReason, String priority, String team, String assignee,
                   String channel, String product, String topic, String concernType, String summary,
                   String description, String stepsToReproduce, String desiredOutcome, String businessImpact,
                   String businessImpactStatement, String organizationId, Person requester, List<String> cc,
                   boolean firstResponseBreached, Instant createdAt, Instant lastActivityAt, Instant closedAt,
                   List<Message> conversation, List<Note> notes, List<File> attachments, Links links,
                   List<TicketTimeline.Event> timeline, Task openTask, Process process,
                   List<Satisfaction.Given> satisfaction, List<String> answerGoesTo, String requesterLeft) {

        static Details of(StaffDesk.Whole whole) {
            return of(whole, File::staffApiUrl);
        }

        /** The ticket with its files linked at {@code url} (the staff API's, or the Tasklist tab's). */
        static Details of(StaffDesk.Whole whole, Function<Attachment, String> url) {
            Ticket t = whole.ticket();
            StaffDesk.OpenTask task = whole.task();
            return new Details(t.number(), t.status().name(), name(t.closeReason()), t.priority().name(), t.team(),
                    t.assignee(), t.channel().name(), name(t.product()), name(t.topic()), t.concernType().name(),
                    t.summary(), t.description(), t.stepsToReproduce(), t.desiredOutcome(),
                    t.businessImpact().name(), t.businessImpactStatement(), t.organizationId(),
                    new Person(t.requesterEmail(), t.requesterName()), whole.cc(), t.firstResponseBreached(),
                    t.createdAt(), t.lastActivityAt(), t.closedAt(),
                    whole.conversation().stream().map(m -> Message.of(m, whole.attachments(), url)).toList(),
                    whole.notes().stream().map(Note::of).toList(),
                    whole.attachments().stream().map(a -> File.of(a, url)).toList(),
                    new Links(whole.original(), whole.followUps(), List.of()), whole.timeline(),
                    task == null ? null : new Task(task.id(), task.name(), task.assignee(), task.created(),
                            TASKLIST + task.id()),
                    whole.processInstanceId() == null ? null : new Process(whole.processInstanceId(),
                            COCKPIT + whole.processInstanceId()), whole.ratings(),
                    // R2/R22: who an answer is mailed to, and why not the requester when they have left
                    whole.mailTo().all(), whole.mailTo().notice());
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }

    /**
     * The ticket as the Tasklist tab shows it (issue #22): the staff API's ticket with its files linked behind the
     * Tasklist session, the codes as people read them, the customer's time zone (times are shown in the reader's own
     * zone, the customer's beside them), the response targets, the task it is shown for and the staff ticket page.
     */
    record TasklistTicket(Details ticket, Labels labels, Customer customer, Targets targets, ShownTask task,
                          String staffPage) {
    }

    /** Every code of the ticket as a label ({@code label.*} in messages.properties; teams by their groups' names). */
    record Labels(String product, String topic, String concernType, String businessImpact, String priority,
                  String team, String status, String channel) {
    }

    record Customer(String organizationId, String organizationName, String timeZone) {
    }

    /**
     * R11: the first-response target (from filing, for the current priority), when support first answered and
     * whether the target was breached; once answered, the next-reply target while a customer's reply waits for
     * support (docs/policy.md), else null.
     */
    record Targets(Instant firstResponseDue, Instant firstRespondedAt, boolean firstResponseBreached,
                   Instant nextReplyDue) {
    }

    record ShownTask(String id, String name, String assignee, Instant created, Instant due) {
    }
}
