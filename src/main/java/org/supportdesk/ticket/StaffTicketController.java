package org.supportdesk.ticket;

import java.io.IOException;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What agents need beside Tasklist: the customers' files (linked from the staff ticket page and its JSON). */
@RestController
@RequestMapping("/api/staff/tickets")
class StaffTicketController {

    private final StaffDownloads downloads;

    StaffTicketController(StaffDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/{number}/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable String number, @PathVariable long id)
            throws IOException {
        return downloads.download(number, id);
    }
}
