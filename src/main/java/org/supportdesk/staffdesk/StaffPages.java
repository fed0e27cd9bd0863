package org.supportdesk.staffdesk;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.supportdesk.account.AccountService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.FileSizes;
import org.supportdesk.attachment.Upload;
import org.supportdesk.portal.Labels;
import org.supportdesk.security.StaffAccess;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.AgentAnswers;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.CustomerRecipients;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The staff workspace's pages (staff HTTP Basic, CSRF tokens, the portal's Content Security Policy): {@code /staff}
 * searches every ticket, {@code /staff/tickets/{number}} shows one whole, internal notes set apart, with its
 * timeline and links to the open Tasklist task and (for those Cockpit lets in) the Cockpit instance, takes an
 * internal note, and answers the ticket through its open Work task as the Tasklist form does (with files for the
 * customer). A staff page the login may not open answers with {@code /staff/refused}.
 */
@Controller
@RequestMapping("/staff")
class StaffPages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final StaffDesk desk;
    private final AccountService organizations;
    private final CodeLabels codes;
    private final MessageSource messages;
    private final StaffAccess access;
    private final AgentAnswers answers;
    private final Labels labels;
    private final AttachmentPolicy attachments;
    private final AttachmentProperties limits;

    StaffPages(StaffDesk desk, MessageSource messages, StaffAccess access, AgentAnswers answers, Labels labels,
               AttachmentPolicy attachments, AttachmentProperties limits, AccountService organizations,
               CodeLabels codes) {
        this.desk = desk;
        this.codes = codes;
        this.organizations = organizations;
        this.messages = messages;
        this.access = access;
        this.answers = answers;
        this.labels = labels;
        this.attachments = attachments;
        this.limits = limits;
    }

    /** One entry of the ticket page's conversation: a message or an internal note. */
    public record Entry(long id, boolean note, String kind, String authorName, String author, Instant at,
                        String body, List<Attachment> files) {
    }

    @GetMapping
    String search(@RequestParam Map<String, String> parameters, Model model, HttpServletResponse response) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : SearchQuery.PARAMETERS) {
            filters.put(name, parameters.getOrDefault(name, ""));
        }
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("when", this);
        try {
            SearchQuery query = SearchQuery.parse(parameters);
            StaffDesk.Results results = desk.search(query);
            model.addAttribute("results", results);
            model.addAttribute("previous", results.page() > 1 ? pageLink(filters, results.page() - 1) : null);
            model.addAttribute("next", results.page() < results.pages() || !results.totalExact()
                    ? pageLink(filters, results.page() + 1) : null);
        } catch (Refusal refusal) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", fieldErrors(refusal));
        }
        return "staff/search";
    }

    /**
     * @param answered the action of the answer just sent from this page: the page says what it did
     * @param tooLarge the answer just sent had files over the server's limits and could not be read: nothing was sent
     */
    @GetMapping("/tickets/{number}")
    String ticket(@PathVariable String number, @RequestParam(required = false) String answered,
                  HttpServletRequest request, Principal staff, Model model) {
        Arrays.stream(AnswerAction.values()).filter(action -> action.name().equals(answered)).findFirst()
                .ifPresent(action -> model.addAttribute("answered", action.name()));
        if (request.getParameterMap().containsKey("tooLarge")) {
            model.addAttribute("answerProblem", messages.getMessage("staff.answer.too-large",
                    new Object[]{attachments.limitsText(limits.web())}, LocaleContextHolder.getLocale()));
        }
        return page(desk.ticket(number), model, null, null, staff);
    }

    /**
     * The answer form: the ticket's open Work task is completed as the Tasklist form would complete it. Done, the
     * ticket's page again, saying what was done; refused, the page with the refusal next to its field and what was
     * written kept (files must be chosen again: a browser does not let a page refill a file field).
     */
    @PostMapping("/tickets/{number}/answers")
    String answer(@PathVariable String number, @RequestParam(required = false) String action,
                  @RequestParam(required = false) String reply, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String duplicateOf, @RequestParam(required = false) String priority,
                  @RequestParam(required = false) String team,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files, Principal staff,
                  Model model, HttpServletResponse response) {
        StaffAnswer form = new StaffAnswer(action, reply, note, duplicateOf, priority, team);
        List<Upload> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty())
                .map(Upload::of).toList();
        try {
            AgentAnswers.Answer parsed = form.parse();
            answers.answer(number, staff.getName(), parsed, uploads);
            String done = AnswerAction.valueOf(action.strip().toUpperCase(Locale.ROOT)).name();
            return "redirect:/staff/tickets/" + TicketNumber.of(TicketNumber.parse(number).orElseThrow())
                    + "?answered=" + done + "#answer";
        } catch (Refusal refusal) {
            if (refusal.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                throw refusal;
            }
            response.setStatus(refusal.getStatusCode().value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (Refusal.FieldError error : refusal.fieldErrors()) {
                errors.merge(error.field(), error.message(messages, LocaleContextHolder.getLocale()),
                        (a, b) -> a + "; " + b);
            }
            model.addAttribute("answerForm", form);
            model.addAttribute("answerErrors", errors);
            model.addAttribute("answerProblem", refusal.detail(messages));
            model.addAttribute("filesAgain", !uploads.isEmpty());
            return page(desk.ticket(number), model, null, null, staff);
        }
    }

    @PostMapping("/tickets/{number}/notes")
    String note(@PathVariable String number, @RequestParam(name = "body", required = false) String body,
                Principal staff, Model model, HttpServletResponse response) {
        try {
            TicketNote note = desk.addNote(number, staff.getName(), body);
            return "redirect:/staff/tickets/" + desk.ticket(number).ticket().number() + "#note-" + note.id();
        } catch (Refusal refusal) {
            if (refusal.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                throw refusal;
            }
            response.setStatus(refusal.getStatusCode().value());
            return page(desk.ticket(number), model, String.join("; ", fieldErrors(refusal).values()), body, staff);
        }
    }

    private String page(StaffDesk.Whole whole, Model model, String noteError, String noteBody, Principal staff) {
        List<Entry> entries = new ArrayList<>();
        for (TicketMessage m : whole.conversation()) {
            entries.add(new Entry(m.id(), false, m.authorType() == AuthorType.CUSTOMER ? "customer"
                    : m.authorType() == AuthorType.AGENT ? "support" : "system", m.authorName(), m.author(),
                    m.createdAt(), m.body(), whole.attachments().stream()
                    .filter(a -> a.messageId() != null && a.messageId() == m.id()).toList()));
        }
        for (TicketNote n : whole.notes()) {
            entries.add(new Entry(n.id(), true, "note", n.authorName(), n.author(), n.createdAt(), n.body(),
                    List.of()));
        }
        entries.sort(Comparator.comparing(Entry::at));
        model.addAttribute("whole", whole);
        model.addAttribute("ticket", whole.ticket());
        model.addAttribute("entries", entries);
        model.addAttribute("requestFiles", whole.attachments().stream().filter(a -> a.messageId() == null).toList());
        model.addAttribute("tasklistUrl", whole.task() == null ? null : StaffDeskJson.TASKLIST + whole.task().id());
        model.addAttribute("cockpitUrl", whole.processInstanceId() == null ? null
                : StaffDeskJson.COCKPIT + whole.processInstanceId());
        model.addAttribute("noteError", noteError);
        model.addAttribute("noteBody", noteBody);
        model.addAttribute("when", this);
        model.addAttribute("codes", codes.of(whole.ticket()));
        model.addAttribute("customerZone", organizations.organization(whole.ticket().organizationId()).timeZone().getId());
        answerForm(whole, model, staff);
        return "staff/ticket";
    }

    /**
     * The answer form, with the work form's choices and labels, who the answer is mailed to and the file limits; or,
     * when the ticket cannot be answered now, why (the text of the API's 409).
     */
    private void answerForm(StaffDesk.Whole whole, Model model, Principal staff) {
        Ticket ticket = whole.ticket();
        model.addAttribute("answerUnavailable", answers.whyNot(ticket.number(), staff.getName())
                .map(refusal -> refusal.detail(messages)).orElse(null));
        if (!model.containsAttribute("answerForm")) {
            model.addAttribute("answerForm", new StaffAnswer(AnswerAction.REPLY.name(), null, null, null, null, null));
            model.addAttribute("answerErrors", Map.of());
        }
        model.addAttribute("answerActions", AnswerAction.offered(ticket.status()));
        model.addAttribute("answerPriorities", StaffAnswer.PRIORITIES.stream()
                .map(p -> new Choice(p.name(), labels.priority(p))).toList());
        model.addAttribute("answerTeams", StaffAnswer.TEAMS.stream()
                .map(t -> new Choice(t.id(), t.displayName())).toList());
        model.addAttribute("teamName", Arrays.stream(StaffGroup.values()).filter(g -> g.id().equals(ticket.team()))
                .map(StaffGroup::displayName).findFirst().orElse(ticket.team()));
        // R2/R22: mailed to current members of the organisation only; the contacts when the requester has left
        CustomerRecipients.Recipients mailTo = whole.mailTo();
        model.addAttribute("answerTo", mailTo.requesterLeft() ? String.join(", ", mailTo.to())
                : ticket.requesterName() + " <" + ticket.requesterEmail() + ">");
        model.addAttribute("answerCc", String.join(", ", mailTo.cc()));
        model.addAttribute("requesterLeft", mailTo.notice());
        model.addAttribute("answerTaskHolder", whole.task() == null ? null : whole.task().assignee());
        model.addAttribute("filesHelp", messages.getMessage("staff.answer.help.files", new Object[]{
                FileSizes.text(limits.email().maxRequestSize().toBytes()),
                FileSizes.text(limits.web().maxFileSize().toBytes()),
                FileSizes.text(limits.web().maxRequestSize().toBytes()),
                limits.discouragedExtensions().stream().map(e -> "." + e).collect(Collectors.joining(", "))},
                LocaleContextHolder.getLocale()));
        if (model.getAttribute("answered") instanceof String done) {
            model.addAttribute("answeredText", messages.getMessage("staff.answer.done." + done,
                    new Object[]{String.join(", ", mailTo.all())},
                    LocaleContextHolder.getLocale()));
        }
    }

    /** An option of a select: its value and label. */
    public record Choice(String value, String label) {
    }

    /**
     * A time as the staff pages send it: UTC, which {@code js/staff-times.js} shows in the reader's own zone (the
     * browser's), with the customer's local time beside it on the ticket page (one time zone per reader).
     */
    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /**
     * The answer to a staff page the login may not open, or to a form sent without its CSRF token: the security chain
     * forwards the refusal here ({@link StaffAccess#REFUSED_PAGE}), with any method, and keeps its 403. The page says
     * who may open what was refused and where to go instead.
     */
    @RequestMapping("/refused")
    ModelAndView refusedPage(HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        StaffAccess.Opens opens = access.signedIn();
        String detail;
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            detail = messages.getMessage("staff.refused.form", null, locale);
        } else if (opens.staffPages()) {
            detail = messages.getMessage("staff.refused.managers-only",
                    new Object[]{StaffGroup.SUPPORT_MANAGERS.id()}, locale);
        } else {
            detail = messages.getMessage("staff.refused.staff-only", new Object[]{String.join(", ",
                    StaffGroup.SUPPORT_AGENTS.id(), StaffGroup.SUPPORT_MANAGERS.id(), StaffGroup.ONCALL.id(),
                    StaffGroup.ONCALL_BACKUP.id())}, locale);
        }
        ModelAndView page = new ModelAndView("staff/error");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("title", messages.getMessage("problem.title.403", null, locale));
        page.addObject("detail", detail);
        return page;
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal) {
        ModelAndView page = new ModelAndView("staff/error");
        page.setStatus(HttpStatus.valueOf(refusal.getStatusCode().value()));
        page.addObject("detail", refusal.detail(messages));
        page.addObject("title", refusal.title(messages));
        return page;
    }

    private Map<String, String> fieldErrors(Refusal refusal) {
        Map<String, String> errors = new LinkedHashMap<>();
        Locale locale = LocaleContextHolder.getLocale();
        for (Refusal.FieldError error : refusal.fieldErrors()) {
            errors.merge(error.field(), error.field() + " " + error.message(messages, locale), (a, b) -> a + "; " + b);
        }
        if (errors.isEmpty()) {
            errors.put("", refusal.detail(messages));
        }
        return errors;
    }

    private static String pageLink(Map<String, String> filters, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/staff");
        filters.forEach((name, value) -> {
            if (!value.isBlank() && !name.equals("page")) {
                link.queryParam(name, value);
            }
        });
        return link.queryParam("page", page).encode().build().toUriString();
    }
}
