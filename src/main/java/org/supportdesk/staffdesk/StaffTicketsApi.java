package org.supportdesk.staffdesk;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNumber;

/**
 * The staff workspace's JSON for scripts (staff HTTP Basic, like every {@code /api/staff} endpoint): search, a ticket
 * read whole with its internal notes and timeline, and internal notes.
 */
@RestController
@RequestMapping("/api/staff/tickets")
class StaffTicketsApi {

    private final StaffDesk desk;

    StaffTicketsApi(StaffDesk desk) {
        this.desk = desk;
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
}
