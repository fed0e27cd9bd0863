package org.supportdesk.ticket;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.attachment.Upload;

@RestController
@RequestMapping("/api")
class TicketController {

    private final TicketFiling filing;
    private final Conversation conversation;
    private final FollowUps followUps;
    private final TicketReading reading;
    private final TicketRepository tickets;
    private final AttachmentStore store;

    TicketController(TicketFiling filing, Conversation conversation, FollowUps followUps, TicketReading reading,
                     TicketRepository tickets, AttachmentStore store) {
        this.filing = filing;
        this.conversation = conversation;
        this.followUps = followUps;
        this.reading = reading;
        this.tickets = tickets;
        this.store = store;
    }

    record Reply(String body) {
    }

    /**
     * @param newOutage      the customer declares a new production outage; otherwise a follow-up is a standard ticket
     * @param businessImpact {@code NORMAL} or {@code HIGH} with {@code businessImpactStatement}, as on a request (R6);
     *                       left out, the original's while the concern stays the same
     */
    record FollowUp(String description, Boolean newOutage, String businessImpact, String businessImpactStatement) {
    }

    @PostMapping(path = "/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketJson.Details> file(@AuthenticationPrincipal UserDetails user,
                                            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
                                            @RequestBody TicketRequest request) {
        return created(filing.file(new FileTicket.Web(user.getUsername(), request, List.of(), key)));
    }

    /** The web form with files: a {@code ticket} JSON part, {@code files} parts and a {@code supportZip} part. */
    @PostMapping(path = "/tickets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<TicketJson.Details> fileWithAttachments(@AuthenticationPrincipal UserDetails user,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestPart("ticket") TicketRequest request,
            @RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestPart(name = "supportZip", required = false) MultipartFile supportZip) {
        return created(filing.file(new FileTicket.Web(user.getUsername(), request, uploads(files, supportZip), key)));
    }

    /** R21: the Extended Support channel, same body as a ticket. */
    @PostMapping(path = "/extended-support/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketJson.Details> fileExtendedSupport(@AuthenticationPrincipal UserDetails user,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestBody TicketRequest request) {
        return created(filing.file(new FileTicket.ExtendedSupport(user.getUsername(), request, List.of(), key)));
    }

    @PostMapping(path = "/extended-support/requests", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<TicketJson.Details> fileExtendedSupportWithAttachments(@AuthenticationPrincipal UserDetails user,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestPart("ticket") TicketRequest request,
            @RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestPart(name = "supportZip", required = false) MultipartFile supportZip) {
        return created(filing.file(new FileTicket.ExtendedSupport(user.getUsername(), request,
                uploads(files, supportZip), key)));
    }

    @GetMapping("/tickets")
    TicketJson.PageView list(@AuthenticationPrincipal UserDetails user,
                             @RequestParam(defaultValue = "mine") String view,
                             @RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size) {
        FieldErrors errors = new FieldErrors();
        TicketView ticketView = errors.choice("view", view, TicketView.class, true);
        TicketStatus ticketStatus = errors.choice("status", status, TicketStatus.class, false);
        if (page < 0) {
            errors.add("page", "too-small", 0);
        }
        if (size < 1 || size > 100) {
            errors.add("size", "not-between", 1, 100);
        }
        errors.throwIfAny();
        TicketRepository.Page result = reading.list(user.getUsername(), ticketView, ticketStatus, page, size);
        return new TicketJson.PageView(result.items().stream().map(TicketJson.Item::of).toList(), result.page(),
                result.size(), result.total());
    }

    @GetMapping("/tickets/{number}")
    TicketJson.Details ticket(@AuthenticationPrincipal UserDetails user, @PathVariable String number) {
        return details(reading.ticket(user.getUsername(), number));
    }

    @PostMapping(path = "/tickets/{number}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketJson.Message> reply(@AuthenticationPrincipal UserDetails user, @PathVariable String number,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key, @RequestBody Reply reply) {
        return createdMessage(number, conversation.reply(new CustomerReply.Web(user.getUsername(), number, reply.body(),
                List.of(), key)));
    }

    @PostMapping(path = "/tickets/{number}/replies", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<TicketJson.Message> replyWithAttachments(@AuthenticationPrincipal UserDetails user,
            @PathVariable String number, @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestPart("reply") Reply reply,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return createdMessage(number, conversation.reply(new CustomerReply.Web(user.getUsername(), number,
                reply.body(), uploads(files, null), key)));
    }

    @PostMapping(path = "/tickets/{number}/follow-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketJson.Details> followUp(@AuthenticationPrincipal UserDetails user, @PathVariable String number,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestBody FollowUp followUp) {
        return created(followUps.followUp(webFollowUp(user, number, followUp, List.of(), key)));
    }

    /** R16 with files (R8, as a request): a {@code followUp} JSON part, {@code files} parts and a {@code supportZip}. */
    @PostMapping(path = "/tickets/{number}/follow-ups", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<TicketJson.Details> followUpWithAttachments(@AuthenticationPrincipal UserDetails user,
            @PathVariable String number, @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestPart("followUp") FollowUp followUp,
            @RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestPart(name = "supportZip", required = false) MultipartFile supportZip) {
        return created(followUps.followUp(webFollowUp(user, number, followUp, uploads(files, supportZip), key)));
    }

    private static FileFollowUp.Web webFollowUp(UserDetails user, String number, FollowUp followUp,
                                                List<Upload> uploads, String key) {
        return new FileFollowUp.Web(user.getUsername(), number, followUp.description(), followUp.businessImpact(),
                followUp.businessImpactStatement(), Boolean.TRUE.equals(followUp.newOutage()), uploads, key);
    }

    @GetMapping("/tickets/{number}/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@AuthenticationPrincipal UserDetails user,
                                                   @PathVariable String number, @PathVariable long id) throws IOException {
        return download(reading.attachment(user.getUsername(), number, id), store);
    }

    /** Always a download, never rendered inline: an uploaded HTML file must not run in our origin. */
    static ResponseEntity<InputStreamResource> download(Attachment attachment, AttachmentStore store)
            throws IOException {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(attachment.fileName()))
                .header("X-Checksum-SHA256", attachment.sha256())
                .body(new InputStreamResource(store.open(attachment.sha256())));
    }

    /** RFC 6266: a plain {@code filename} for ASCII names, {@code filename*} (UTF-8) for the others. */
    private static String contentDisposition(String fileName) {
        boolean plain = fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        ContentDisposition.Builder builder = ContentDisposition.attachment();
        return (plain ? builder.filename(fileName) : builder.filename(fileName, java.nio.charset.StandardCharsets.UTF_8))
                .build().toString();
    }

    /** 201 with the ticket; a replayed call (same Idempotency-Key) says so in {@code Idempotent-Replayed}. */
    private ResponseEntity<TicketJson.Details> created(Keyed<Ticket> keyed) {
        return replayed(ResponseEntity.created(URI.create("/api/tickets/" + keyed.value().number())),
                keyed.replayed()).body(details(keyed.value()));
    }

    /** The same for a filed ticket, with the Extended Support channel's notice when there is one (R21). */
    private ResponseEntity<TicketJson.Details> created(TicketFiling.Filed filed) {
        TicketJson.Details details = details(filed.ticket());
        return replayed(ResponseEntity.created(URI.create("/api/tickets/" + filed.ticket().number())),
                filed.replayed()).body(filed.notice() == null ? details : details.withNotice(filed.notice()));
    }

    private ResponseEntity<TicketJson.Message> createdMessage(String number, Keyed<TicketMessage> keyed) {
        TicketMessage message = keyed.value();
        return replayed(ResponseEntity.created(URI.create("/api/tickets/" + number.toUpperCase() + "#message-"
                + message.id())), keyed.replayed()).body(TicketJson.Message.of(message, tickets.attachments(message.ticketId())));
    }

    private static ResponseEntity.BodyBuilder replayed(ResponseEntity.BodyBuilder response, boolean replayed) {
        return replayed ? response.header("Idempotent-Replayed", "true") : response;
    }

    private TicketJson.Details details(Ticket ticket) {
        return TicketJson.Details.of(ticket, tickets.cc(ticket.id()), tickets.messages(ticket.id()),
                tickets.attachments(ticket.id()), tickets.followUps(ticket.id()), tickets.duplicateOf(ticket.id()),
                tickets.duplicates(ticket.id()));
    }

    private static List<Upload> uploads(List<MultipartFile> files, MultipartFile supportZip) {
        List<Upload> uploads = new ArrayList<>();
        if (files != null) {
            files.stream().filter(f -> !f.isEmpty()).map(Upload::of).forEach(uploads::add);
        }
        if (supportZip != null && !supportZip.isEmpty()) {
            uploads.add(Upload.of(supportZip));
        }
        return uploads;
    }

}
