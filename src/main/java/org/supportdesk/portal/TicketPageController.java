package org.supportdesk.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.AttachmentStore;
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

    private final TicketReading reading;
    private final Conversation conversation;
    private final FollowUps followUps;
    private final AttachmentStore store;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final Viewer viewer;
    private final Texts texts;

    TicketPageController(TicketReading reading, Conversation conversation, FollowUps followUps, AttachmentStore store,
                         AttachmentPolicy attachmentPolicy, AttachmentProperties attachmentProperties, Viewer viewer,
                         Texts texts) {
        this.reading = reading;
        this.conversation = conversation;
        this.followUps = followUps;
        this.store = store;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.viewer = viewer;
        this.texts = texts;
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
        if (tooLarge != null) {
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
                model.addAttribute("followUpDescription", body);
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

    @PostMapping("/tickets/{number}/follow-ups")
    String followUp(ModelMap model, @PathVariable String number, @RequestParam(required = false) String description,
                    HttpServletResponse response, RedirectAttributes redirect) {
        String email = viewer.me(model).email();
        try {
            Ticket followUp = followUps.followUp(new FileFollowUp.Web(email, number, description, false, null))
                    .value();
            redirect.addFlashAttribute("notice", texts.text("page.ticket.followed-up", followUp.number(),
                    TicketNumber.of(followUp.followUpOf())));
            return "redirect:/tickets/" + followUp.number();
        } catch (Refusal refusal) {
            Ticket ticket = reading.ticket(email, number);
            response.setStatus(refusal.getStatusCode().value());
            String message = "invalid-fields".equals(refusal.code())
                    ? texts.text("form.follow-up.empty") : texts.detail(refusal);
            if (ticket.isClosed()) {
                model.addAttribute("followUpDescription", description);
                model.addAttribute("followUpError", message);
            } else {
                // not closed (any more): the text belongs in a reply
                model.addAttribute("replyBody", description);
                model.addAttribute("replyError", message);
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
        return "ticket";
    }

    private String limits() {
        return texts.text("form.reply.limits", attachmentPolicy.limitsText(attachmentProperties.web()),
                String.join(", ", attachmentProperties.discouragedExtensions().stream().map(e -> "." + e).toList()));
    }
}
