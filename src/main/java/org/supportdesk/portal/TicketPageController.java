package org.supportdesk.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Conversation;
import org.supportdesk.ticket.CustomerReply;
import org.supportdesk.ticket.FileFollowUp;
import org.supportdesk.ticket.FollowUps;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketReading;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A ticket: status, priority, the request, the conversation and its files; a reply box while it is not closed and
 * "Create a follow-up" once it is (R13, R15, R16). Mails link here ({@code /tickets/SD-1001}). Every read goes
 * through {@link TicketReading}, which shows a ticket only to its own organisation (404 to anyone else).
 */
@Controller
class TicketPageController {

    /** {@code ?tooLarge=follow-up}: the follow-up form's files were over the server's limits ({@link RefusedForms}). */
    static final String FOLLOW_UP = "follow-up";
    private static final Set<String> ATTACHMENT_REFUSALS = Set.of("attachment-too-large", "discouraged-attachment");

    private final TicketReading reading;
    private final Conversation conversation;
    private final FollowUps followUps;
    private final AttachmentStore store;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final Viewer viewer;
    private final Texts texts;
    private final Labels labels;

    TicketPageController(TicketReading reading, Conversation conversation, FollowUps followUps, AttachmentStore store,
                         AttachmentPolicy attachmentPolicy, AttachmentProperties attachmentProperties, Viewer viewer,
                         Texts texts, Labels labels) {
        this.reading = reading;
        this.conversation = conversation;
        this.followUps = followUps;
        this.store = store;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.viewer = viewer;
        this.texts = texts;
        this.labels = labels;
    }

    /** A message of the conversation with the files that came with it. */
    record Entry(TicketMessage message, List<Attachment> files) {
        public boolean fromSupport() {
            return message.authorType() == org.supportdesk.ticket.AuthorType.AGENT;
        }

        public boolean fromSystem() {
            return message.authorType() == org.supportdesk.ticket.AuthorType.SYSTEM;
        }

        public boolean byEmail() {
            return message.channel() == org.supportdesk.ticket.Channel.EMAIL;
        }
    }

    @GetMapping("/tickets/{number}")
    String ticket(ModelMap model, @PathVariable String number, @RequestParam(required = false) String tooLarge) {
        if (FOLLOW_UP.equals(tooLarge)) {
            model.addAttribute("followUpError", texts.text("form.follow-up.too-large", limits()));
        } else if (tooLarge != null) {
            model.addAttribute("replyError", texts.text("form.reply.too-large", limits()));
        }
        return page(model, reading.ticket(viewer.me(model).email(), number));
    }

    @PostMapping("/tickets/{number}/replies")
    String reply(ModelMap model, @PathVariable String number, @RequestParam(required = false) String body,
                 @RequestParam(name = "files", required = false) List<MultipartFile> files,
                 HttpServletResponse response, RedirectAttributes redirect) {
        String email = viewer.me(model).email();
        try {
            TicketMessage message = conversation.reply(new CustomerReply.Web(email, number, body,
                    Uploads.of(files, null), null)).value();
            Ticket ticket = reading.ticket(email, number);
            redirect.addFlashAttribute("notice", texts.text(ticket.status() == org.supportdesk.ticket.TicketStatus.OPEN
                    ? "page.ticket.replied.reopened" : "page.ticket.replied", ticket.number()));
            return "redirect:/tickets/" + ticket.number() + "#message-" + message.id();
        } catch (Refusal refusal) {
            Ticket ticket = reading.ticket(email, number);
            response.setStatus(refusal.getStatusCode().value());
            boolean filesLost = Uploads.chosen(files, null) && !"attachment-too-large".equals(refusal.code())
                    && !"discouraged-attachment".equals(refusal.code());
            if (ticket.isClosed()) {
                // R16: closed is final; the text moves to the follow-up box
                FollowUpForm followUp = followUpForm(ticket);
                followUp.setDescription(body);
                model.addAttribute("followUp", followUp);
                model.addAttribute("followUpError", texts.text(filesLost ? "form.reply.closed.files-lost"
                        : "form.reply.closed", ticket.number()));
            } else {
                model.addAttribute("replyBody", body);
                String error = "invalid-fields".equals(refusal.code())
                        ? texts.text("form.reply.empty") : texts.detail(refusal);
                model.addAttribute("replyError", filesLost
                        ? error + " " + texts.text("form.files.choose-again") : error);
            }
            return page(model, ticket);
        }
    }

    /**
     * R16 with R6 and R8 as on the request form: the description, the business impact with its statement, "this is a
     * new outage" (the SEV-1 path of a new request) and files with the web's limits and formats. A refusal keeps what
     * was typed and marks the fields.
     */
    @PostMapping("/tickets/{number}/follow-ups")
    String followUp(ModelMap model, @PathVariable String number, @ModelAttribute("followUp") FollowUpForm form,
                    @RequestParam(name = "files", required = false) List<MultipartFile> files,
                    @RequestParam(name = "supportZip", required = false) MultipartFile supportZip,
                    HttpServletResponse response, RedirectAttributes redirect) {
        String email = viewer.me(model).email();
        try {
            Ticket followUp = followUps.followUp(new FileFollowUp.Web(email, number, form.getDescription(),
                    form.getBusinessImpact(), form.getBusinessImpactStatement(), form.isNewOutage(),
                    Uploads.of(files, supportZip), null)).value();
            redirect.addFlashAttribute("notice", texts.text("page.ticket.followed-up", followUp.number(),
                    TicketNumber.of(followUp.followUpOf())));
            return "redirect:/tickets/" + followUp.number();
        } catch (Refusal refusal) {
            Ticket ticket = reading.ticket(email, number);
            response.setStatus(refusal.getStatusCode().value());
            Map<String, String> errors = texts.fieldErrors(refusal);
            if (ATTACHMENT_REFUSALS.contains(refusal.code())) {
                errors.put("files", texts.detail(refusal));
            }
            String message = errors.isEmpty() || "not-eligible".equals(refusal.code()) ? texts.detail(refusal)
                    : errors.keySet().equals(Set.of("description")) ? texts.text("form.follow-up.empty")
                    : texts.text("form.follow-up.correct-fields");
            boolean filesLost = Uploads.chosen(files, supportZip) && !errors.containsKey("files");
            if (ticket.isClosed()) {
                if (filesLost) {
                    errors.put("files", texts.text("form.files.choose-again"));
                }
                model.addAttribute("followUpError", message);
                model.addAttribute("followUpErrors", errors);
            } else {
                // not closed (any more): the text belongs in a reply
                model.addAttribute("replyBody", form.getDescription());
                model.addAttribute("replyError", filesLost ? message + " " + texts.text("form.files.choose-again")
                        : message);
            }
            return page(model, ticket);
        }
    }

    /** Always a download, never shown inline: an uploaded HTML file must not run in the portal's origin. */
    @GetMapping("/tickets/{number}/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(ModelMap model, @PathVariable String number, @PathVariable long id)
            throws IOException {
        Attachment attachment = reading.attachment(viewer.me(model).email(), number, id);
        boolean plain = attachment.fileName().chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        ContentDisposition.Builder disposition = ContentDisposition.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, (plain ? disposition.filename(attachment.fileName())
                        : disposition.filename(attachment.fileName(), StandardCharsets.UTF_8)).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(store.open(attachment.sha256())));
    }

    private String page(ModelMap model, Ticket ticket) {
        TicketReading.Details details = reading.details(ticket);
        List<Attachment> attachments = details.attachments();
        List<Entry> conversation = details.messages().stream()
                .map(m -> new Entry(m, attachments.stream()
                        .filter(a -> a.messageId() != null && a.messageId() == m.id()).toList()))
                .toList();
        model.addAttribute("ticket", ticket);
        model.addAttribute("cc", details.cc());
        model.addAttribute("requesterLeft", details.requesterLeft());
        model.addAttribute("conversation", conversation);
        model.addAttribute("requestFiles", attachments.stream().filter(a -> a.messageId() == null).toList());
        model.addAttribute("attachments", attachments);
        model.addAttribute("original", ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()));
        model.addAttribute("followUps", details.followUps().stream().map(TicketNumber::of).toList());
        model.addAttribute("limits", limits());
        model.addAttribute("maxFileSize", attachmentProperties.web().maxFileSize().toBytes());
        model.addAttribute("maxRequestSize", attachmentProperties.web().maxRequestSize().toBytes());
        if (ticket.isClosed()) {
            if (!model.containsAttribute("followUp")) {
                model.addAttribute("followUp", followUpForm(ticket));
            }
            model.addAttribute("followUpErrors", model.getOrDefault("followUpErrors", Map.of()));
            model.addAttribute("outageHelp", labels.concernHelp(ConcernType.CRITICAL_OUTAGE));
        }
        return "ticket";
    }

    /**
     * A fresh follow-up form: it starts from the original's business impact and statement while the follow-up keeps
     * its concern (not after an outage, whose follow-up is a standard ticket unless a new outage is declared).
     */
    private static FollowUpForm followUpForm(Ticket original) {
        FollowUpForm form = new FollowUpForm();
        if (original.concernType() != ConcernType.CRITICAL_OUTAGE && original.businessImpact() != null) {
            form.setBusinessImpact(original.businessImpact().name());
            form.setBusinessImpactStatement(original.businessImpactStatement());
        }
        return form;
    }

    private String limits() {
        return texts.text("form.reply.limits", attachmentPolicy.limitsText(attachmentProperties.web()),
                String.join(", ", attachmentProperties.discouragedExtensions().stream().map(e -> "." + e).toList()));
    }
}
