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
import org.supportdesk.ticket.AgentAnswers;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.Upload;

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

    /**
     * An answer, as the work form in Tasklist takes it, completing the ticket's open Work task as the signed-in staff
     * member: 200 with the ticket as {@code GET} shows it; 400 for a bad field (the work form's own text), 409 when no
     * Work task is open or another agent holds it, 403 when it is another team's.
     */
    @PostMapping(path = "/{number}/answers", consumes = MediaType.APPLICATION_JSON_VALUE)
    StaffDeskJson.Details answer(@PathVariable String number, @RequestBody(required = false) StaffAnswer answer,
                                 Principal staff) {
        return answered(number, answer, List.of(), staff);
    }

    /** The same with files for the customer: an {@code answer} JSON part and {@code files} parts (R8's web limits). */
    @PostMapping(path = "/{number}/answers", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    StaffDeskJson.Details answerWithFiles(@PathVariable String number, @RequestPart("answer") StaffAnswer answer,
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
