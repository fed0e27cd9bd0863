package org.supportdesk.ticket;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.ExtendedSupportNotice;
import org.supportdesk.account.Organization;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.FileSizes;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.mail.MailFile;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.staff.StaffGroup;

/**
 * Queues a ticket mail (R22) rendered from a template file, for one audience. A mail that delivers an agent's answer
 * to the customer carries the files attached to it, within the mail limits of R8; the others are named in the text
 * with a link to the ticket's page, where the customer downloads them.
 */
@Service
public class TicketNotifier {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", Locale.ENGLISH);

    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final RatingLinks ratings;
    private final StaffDirectory staff;
    private final MailQueue mail;
    private final MailSettings settings;
    private final AttachmentProperties limits;
    private final CustomerRecipients customers;
    private final MessageSource messages;
    private final CalendarProperties hours;
    private final BusinessCalendar calendar;
    private final java.time.Clock clock;

    private final ExtendedSupportNotice extendedSupportNotice;

    public TicketNotifier(TicketRepository tickets, AccountRepository accounts, StaffDirectory staff, MailQueue mail,
                          MailSettings settings, RatingLinks ratings, AttachmentProperties limits,
                          CustomerRecipients customers, MessageSource messages,
                          CalendarProperties hours, BusinessCalendar calendar, java.time.Clock clock,
                          ExtendedSupportNotice extendedSupportNotice) {
        this.extendedSupportNotice = extendedSupportNotice;
        this.limits = limits;
        this.customers = customers;
        this.messages = messages;
        this.clock = clock;
        this.hours = hours;
        this.calendar = calendar;
        this.ratings = ratings;
        this.tickets = tickets;
        this.accounts = accounts;
        this.staff = staff;
        this.mail = mail;
        this.settings = settings;
    }

    public void notify(long ticketId, String template, List<Audience> audiences, Map<String, ?> extra) {
        Ticket ticket = tickets.find(ticketId).orElseThrow();
        // the ticket row is the truth; process variables only add what the row does not hold
        Map<String, Object> fields = model(ticket, extra);
        Map<String, Object> model = new Layered(fields, extra);
        // R2/R22: only current members of the ticket's organisation hear about it
        CustomerRecipients.Recipients customerMail =
                audiences.contains(Audience.CUSTOMER) ? customers.of(ticket) : null;
        if (customerMail != null && customerMail.requesterLeft() && audiences.equals(List.of(Audience.CUSTOMER))) {
            // the requester's mail goes to the contacts (or owners): it greets them, not the person who left
            fields.put("requesterName", messages.getMessage("mail.greeting." + customerMail.standing().name(),
                    new Object[]{fields.get("organizationName")}, Locale.ENGLISH));
        }
        List<String> to = audiences.stream().flatMap(a -> a == Audience.CUSTOMER ? customerMail.to().stream()
                : recipients(ticket, a).stream()).distinct().toList();
        List<String> cc = customerMail == null ? List.of() : customerMail.cc();
        if (to.isEmpty() && cc.isEmpty()) {
            return; // nobody is left to tell (an organisation always keeps an owner, so this is not expected)
        }
        List<MailFile> files = audiences.contains(Audience.CUSTOMER) && ANSWERS.contains(template)
                ? answerFiles(ticket, extra, fields) : List.of();
        if (SOLVED.equals(template) && audiences.equals(List.of(Audience.CUSTOMER))) {
            // each customer gets their own mail: its survey links record that person's rating
            for (String customer : java.util.stream.Stream.concat(to.stream(), cc.stream()).distinct().toList()) {
                RatingLinks.Links links = ratings.of(ticket, customer);
                Map<String, Object> own = new HashMap<>(Map.of("goodUrl", links.good(), "badUrl", links.bad()));
                mail.queue(ticket.id(), ticket.number(), template, new Layered(own, model), List.of(customer),
                        List.of(), ticket.originMessageId(), files);
            }
            return;
        }
        mail.queue(ticket.id(), ticket.number(), template, model, to, cc, ticket.originMessageId(), files);
    }


    /**
     * The files of the answer this step delivers, in the order they were attached, as long as each stays within the
     * mail's per-file limit and all within its per-mail limit (R8: {@code support.attachments.email}); the rest are
     * listed in the mail ({@code largeFiles}) with the portal's download link. Base64 makes the message about a third
     * larger than the files.
     */
    private List<MailFile> answerFiles(Ticket ticket, Map<String, ?> extra, Map<String, Object> model) {
        if (!(extra.get(TicketVariables.AGENT_MESSAGE_ID) instanceof Number message)) {
            return List.of();
        }
        List<MailFile> attached = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        long total = 0;
        for (Attachment file : tickets.attachments(ticket.id())) {
            if (file.messageId() == null || file.messageId() != message.longValue()) {
                continue;
            }
            if (file.size() <= limits.email().maxFileSize().toBytes()
                    && total + file.size() <= limits.email().maxRequestSize().toBytes()) {
                attached.add(new MailFile(file.fileName(), file.contentType(), file.size(), file.sha256()));
                total += file.size();
            } else {
                linked.add("  " + file.fileName() + " (" + FileSizes.text(file.size()) + "): " + settings.portalUrl()
                        + "/tickets/" + ticket.number() + "/attachments/" + file.id());
            }
        }
        model.put("largeFiles", linked.isEmpty() ? null : String.join("\n", linked));
        return attached;
    }

    /** The mail that asks the customers how it went (the satisfaction survey). */
    static final String SOLVED = "solved";

    /** The mails that deliver an agent's answer (the message the step names): they carry its files. */
    private static final Set<String> ANSWERS = Set.of("agent-reply", "info-request", SOLVED, "closed-duplicate");

    private static java.util.Optional<TicketMessage> latest(List<TicketMessage> messages, AuthorType type) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).authorType() == type) {
                return java.util.Optional.of(messages.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** The ticket's model first, then whatever else the caller offers (looked up by name, never listed). */
    private static final class Layered extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> first;
        private final Map<String, ?> second;

        Layered(Map<String, Object> first, Map<String, ?> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean containsKey(Object key) {
            return first.containsKey(key) || second.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return first.containsKey(key) ? first.get(key) : second.get(key);
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            throw new UnsupportedOperationException("the model is read by name");
        }
    }

    private List<String> recipients(Ticket ticket, Audience audience) {
        return switch (audience) {
            case CUSTOMER -> throw new IllegalArgumentException("the customer audience is CustomerRecipients'");
            case TEAM -> staff.emailsOfGroup(ticket.team());
            case ASSIGNEE -> ticket.assignee() == null ? staff.emailsOfGroup(ticket.team())
                    : staff.user(ticket.assignee()).map(u -> u.getEmail()).filter(e -> e != null && !e.isBlank())
                    .map(List::of).orElseGet(() -> staff.emailsOfGroup(ticket.team()));
            case MANAGERS -> staff.emailsOfGroup(StaffGroup.SUPPORT_MANAGERS.id());
            case ONCALL -> staff.emailsOfGroup(StaffGroup.ONCALL.id());
            case ONCALL_BACKUP -> staff.emailsOfGroup(StaffGroup.ONCALL_BACKUP.id());
        };
    }

    private Map<String, Object> model(Ticket ticket, Map<String, ?> extra) {
        Organization organization = accounts.findOrganization(ticket.organizationId()).orElseThrow();
        ZoneId zone = organization.timeZone();
        Map<String, Object> model = new HashMap<>();
        model.put("number", ticket.number());
        model.put("summary", ticket.summary());
        model.put("status", ticket.status().name());
        model.put("priority", ticket.priority().name());
        model.put("team", ticket.team());
        model.put("product", ticket.product() == null ? "not stated" : ticket.product().name());
        model.put("topic", ticket.topic() == null ? "not stated" : ticket.topic().name());
        model.put("concernType", ticket.concernType().name());
        model.put("requesterName", ticket.requesterName());
        model.put("requesterEmail", ticket.requesterEmail());
        model.put("organizationName", organization.name());
        model.put("createdAt", WHEN.format(ticket.createdAt().atZone(zone)));
        model.put("description", ticket.description());
        model.put("closeReason", ticket.closeReason() == null ? null : ticket.closeReason().name());
        model.put("followUpOf", ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()));
        Long duplicateOf = tickets.duplicateOf(ticket.id());
        model.put("duplicateOf", duplicateOf == null ? null : TicketNumber.of(duplicateOf));
        model.put("duplicateOfUrl", duplicateOf == null ? null
                : settings.portalUrl() + "/tickets/" + TicketNumber.of(duplicateOf));
        model.put("portalUrl", settings.portalUrl());
        model.put("ticketUrl", settings.portalUrl() + "/tickets/" + ticket.number());
        model.put("tasklistUrl", settings.portalUrl() + "/camunda/app/tasklist/");
        model.put("supportAddress", settings.supportAddress());
        model.put("extendedSupportNotice", extendedSupportNotice.text()); // R19/R21, from messages.properties
        List<TicketMessage> messages = tickets.messages(ticket.id());
        latest(messages, AuthorType.AGENT).ifPresent(m -> {
            model.put("agentMessage", m.body());
            model.put("agentName", m.authorName());
        });
        if (extra.containsKey(TicketVariables.AGENT_MESSAGE_ID)) {
            // the process says which message the current step told the customer, which may be none
            Object id = extra.get(TicketVariables.AGENT_MESSAGE_ID);
            model.put("agentMessage", messages.stream().filter(m -> id instanceof Number n && m.id() == n.longValue())
                    .map(TicketMessage::body).findFirst().orElse(null));
        }
        latest(messages, AuthorType.CUSTOMER).ifPresent(m -> {
            model.put("customerMessage", m.body());
            model.put("customerName", m.authorName());
        });
        List<String> discouraged = tickets.attachments(ticket.id()).stream().filter(Attachment::discouraged)
                .map(Attachment::fileName).toList();
        model.put("discouragedFiles", discouraged.isEmpty() ? null : String.join(", ", discouraged));
        model.put("byEmail", ticket.channel() == Channel.EMAIL ? "yes" : null);
        // an answer's files that do not fit into its mail (answerFiles), and the mail's limit for files (R8)
        model.put("largeFiles", null);
        model.put("mailLimit", FileSizes.text(limits.email().maxRequestSize().toBytes()));
        // R12: the hours a text states are the configured ones, never typed into a template
        model.put("opensAt", hours.opensAt().toString());
        model.put("closesAt", hours.closesAt().toString());
        model.put("workingDays", hours.workingDaysText());
        // R14: how long the customer has been asked (until the ticket closed), in the business days the diagram's
        // timers count: the auto-close mail states the diagram's number, whatever an analyst made it
        model.put("pendingBusinessDays", extra.get(TicketVariables.PENDING_SINCE) instanceof java.util.Date since
                ? calendar.businessDaysBetween(since.toInstant(),
                        ticket.closedAt() != null ? ticket.closedAt() : clock.instant(), zone, organization.holidayRegion())
                : null);
        return model;
    }
}
