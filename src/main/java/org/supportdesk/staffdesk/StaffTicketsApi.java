package org.supportdesk.staffdesk;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.supportdesk.attachment.Upload;
import org.supportdesk.ticket.AgentAnswers;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNumber;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The staff workspace's JSON for scripts (staff HTTP Basic, like every {@code /api/staff} endpoint): search, a ticket
 * read whole with its internal notes and timeline, internal notes, and answers through the ticket's open Work task.
 */
@RestController
@RequestMapping("/api/staff/tickets")
class StaffTicketsApi {

    private final StaffDesk desk;
    private final AgentAnswers answers;

    StaffTicketsApi(StaffDesk desk, AgentAnswers answers) {
        this.desk = desk;
        this.answers = answers;
    }

    record NewNote(String body) {
    }

    @GetMapping
    StaffDeskJson.SearchPage search(@RequestParam Map<String, String> parameters) {
        return StaffDeskJson.SearchPage.of(desk.search(SearchQuery.parse(parameters)));
    }

    @GetMapping("/{number}")
    StaffDeskJson.Details ticket(@PathVariable String number) {
        return StaffDeskJson.Details.of(desk.ticket(number));
    }

    @PostMapping("/{number}/notes")
    ResponseEntity<StaffDeskJson.Note> note(@PathVariable String number, @RequestBody(required = false) NewNote body,
                                            Principal staff) {
        TicketNote note = desk.addNote(number, staff.getName(), body == null ? null : body.body());
        return ResponseEntity.created(URI.create("/api/staff/tickets/" + TicketNumber.of(note.ticketId()) + "/notes/" + note.id()))
                .body(StaffDeskJson.Note.of(note));
    }

    static final String ANSWER_SUMMARY = "Answer the ticket through its open Work task, as Tasklist's form does";
    static final String ANSWER_DESCRIPTION = """
            Completes the ticket's open Work task (the one Tasklist shows) through the task's form, as the signed-in \
            staff member: the engine's checks, the form's refusals and texts, the mails and status changes are \
            Tasklist's. An unassigned task is claimed for the caller; claiming and answering are for the task's team.

            action: REPLY (reply mailed to the requester and CCs; the ticket stays OPEN), REQUEST_INFO (question \
            mailed; PENDING), SOLVED (closed as solved; a reply is optional and quoted in the solved notice), \
            DUPLICATE (closed; duplicateOf: an open ticket of the same organisation, SD-…), RETRIAGE (priority \
            URGENT|HIGH|NORMAL|LOW and/or team team-repository|team-lifecycle|team-general|team-accounts; nobody is \
            mailed), NOTE (note: staff only, nobody is mailed). reply and note have at most 4,000 characters; a field \
            the action does not send is refused (not-with-action).

            Files: multipart/form-data with an `answer` JSON part and `files` parts, within the web form's limits \
            (R8; .doc, .docx and .msg refused). They are the ticket's attachments, uploaded by the caller, linked to \
            the answer's message and mailed with it as attachments up to the mail limit (support.attachments.email); \
            larger ones are linked in the mail. Files need an answer to the customer (reply).

            200: the ticket as GET /api/staff/tickets/{number} shows it. 400 invalid-fields: errors[] with field, \
            code and message (the work form's own text). 403 not-your-team. 409 no-work-task (reason: triage, \
            pending, closed, other-task, none) or work-task-held (assignee). 413 attachment-too-large. A refused \
            answer changes nothing.""";

    /**
     * An answer, as the work form in Tasklist takes it, completing the ticket's open Work task as the signed-in staff
     * member: 200 with the ticket as {@code GET} shows it; 400 for a bad field (the work form's own text), 409 when no
     * Work task is open or another agent holds it, 403 when it is another team's.
     */
    @Operation(summary = ANSWER_SUMMARY, description = ANSWER_DESCRIPTION)
    @PostMapping(path = "/{number}/answers", consumes = MediaType.APPLICATION_JSON_VALUE)
    StaffDeskJson.Details answer(@PathVariable String number, @RequestBody(required = false) StaffAnswer answer,
                                 Principal staff) {
        return answered(number, answer, List.of(), staff);
    }

    /** The same with files for the customer: an {@code answer} JSON part and {@code files} parts (R8's web limits). */
    @Operation(summary = ANSWER_SUMMARY, description = ANSWER_DESCRIPTION)
    @PostMapping(path = "/{number}/answers", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    StaffDeskJson.Details answerWithFiles(@PathVariable String number, @RequestPart(name = "answer", required = false) StaffAnswer answer,
                                          @RequestPart(name = "files", required = false) List<MultipartFile> files,
                                          Principal staff) {
        return answered(number, answer, files == null ? List.of() : files.stream().filter(f -> !f.isEmpty())
                .map(Upload::of).toList(), staff);
    }

    private StaffDeskJson.Details answered(String number, StaffAnswer answer, List<Upload> files, Principal staff) {
        StaffAnswer given = answer == null ? new StaffAnswer(null, null, null, null, null, null) : answer;
        answers.answer(number, staff.getName(), given.parse(), files);
        return StaffDeskJson.Details.of(desk.ticket(number));
    }
}
