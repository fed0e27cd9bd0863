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
import org.supportdesk.ticket.Attachment;
import org.supportdesk.ticket.AttachmentPolicy;
import org.supportdesk.ticket.AttachmentProperties;
import org.supportdesk.ticket.AttachmentStore;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketService;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A ticket: status, priority, the request, the conversation and its files; a reply box while it is not closed and
 * "Create a follow-up" once it is (R13, R15, R16). Mails link here ({@code /tickets/SD-1001}). Every read goes
 * through {@link TicketService}, which shows a ticket only to its own organisation (404 to anyone else).
 */
@Controller
class TicketPageController {

    private final TicketService service;
    private final AttachmentStore store;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final Viewer viewer;

    TicketPageController(TicketService service, AttachmentStore store,
                         AttachmentPolicy attachmentPolicy, AttachmentProperties attachmentProperties, Viewer viewer) {
        this.service = service;
        this.store = store;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.viewer = viewer;
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
            model.addAttribute("replyError", "Your reply was not sent: the attachments were larger than the limits. "
                    + limits());
        }
        return page(model, service.ticket(viewer.me(model).email(), number));
    }

    @PostMapping("/tickets/{number}/replies")
    String reply(ModelMap model, @PathVariable String number, @RequestParam(required = false) String body,
                 @RequestParam(name = "files", required = false) List<MultipartFile> files,
                 HttpServletResponse response, RedirectAttributes redirect) {
        String email = viewer.me(model).email();
        try {
            TicketMessage message = service.reply(email, number, body, Uploads.of(files, null));
            Ticket ticket = service.ticket(email, number);
            redirect.addFlashAttribute("notice", "Your reply was added to " + ticket.number() + "."
                    + (ticket.status() == org.supportdesk.ticket.TicketStatus.OPEN
                    ? " The ticket is open again and back with support." : ""));
            return "redirect:/tickets/" + ticket.number() + "#message-" + message.id();
        } catch (Refusal refusal) {
            Ticket ticket = service.ticket(email, number);
            response.setStatus(refusal.getStatusCode().value());
            boolean filesLost = Uploads.chosen(files, null) && !"attachment-too-large".equals(refusal.code())
                    && !"discouraged-attachment".equals(refusal.code());
            if (ticket.isClosed()) {
                // R16: closed is final; the text moves to the follow-up box
                model.addAttribute("followUpDescription", body);
                model.addAttribute("followUpError", ticket.number() + " was closed, and a closed ticket is never"
                        + " reopened: your text is below; create a follow-up with it."
                        + (filesLost ? " Files can be added once the follow-up exists." : ""));
            } else {
                model.addAttribute("replyBody", body);
                model.addAttribute("replyError", ("invalid-fields".equals(refusal.code())
                        ? "Please write your reply first." : refusal.getBody().getDetail())
                        + (filesLost ? " Nothing was sent: please choose your files again." : ""));
            }
            return page(model, ticket);
        }
    }

    @PostMapping("/tickets/{number}/follow-ups")
    String followUp(ModelMap model, @PathVariable String number, @RequestParam(required = false) String description,
                    HttpServletResponse response, RedirectAttributes redirect) {
        String email = viewer.me(model).email();
        try {
            Ticket followUp = service.followUp(email, number, description);
            redirect.addFlashAttribute("notice", "We created " + followUp.number() + " as a follow-up to "
                    + TicketNumber.of(followUp.followUpOf()) + ".");
            return "redirect:/tickets/" + followUp.number();
        } catch (Refusal refusal) {
            Ticket ticket = service.ticket(email, number);
            response.setStatus(refusal.getStatusCode().value());
            String message = "invalid-fields".equals(refusal.code())
                    ? "Please describe what you need help with." : refusal.getBody().getDetail();
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
        Attachment attachment = service.attachment(viewer.me(model).email(), number, id);
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
        TicketService.Details details = service.details(ticket);
        List<Attachment> attachments = details.attachments();
        List<Entry> conversation = details.messages().stream()
                .map(m -> new Entry(m, attachments.stream()
                        .filter(a -> a.messageId() != null && a.messageId() == m.id()).toList()))
                .toList();
        model.addAttribute("ticket", ticket);
        model.addAttribute("cc", details.cc());
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
        return "Attachments may be at most " + attachmentPolicy.limitsText(attachmentProperties.web())
                + "; " + String.join(", ", attachmentProperties.discouragedExtensions().stream().map(e -> "." + e).toList())
                + " files are not accepted on the web: attach PDF, plain text or compressed text instead.";
    }
}
