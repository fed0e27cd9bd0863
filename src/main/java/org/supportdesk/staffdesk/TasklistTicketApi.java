package org.supportdesk.staffdesk;

import java.io.IOException;
import java.security.Principal;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Tasklist "Ticket" tab reads (issue #22), with the staff member's Tasklist session (the Camunda webapps'
 * login in the HTTP session; see the security configuration): the ticket of a task they may see, whole, as the desk's
 * tables hold it now, and its files. Under {@code /camunda/api/}, which the session cookie reaches.
 */
@RestController
@RequestMapping(TasklistTickets.PATH + "{taskId}/ticket")
class TasklistTicketApi {

    private final TasklistTickets tickets;

    TasklistTicketApi(TasklistTickets tickets) {
        this.tickets = tickets;
    }

    @GetMapping
    StaffDeskJson.TasklistTicket ticket(@PathVariable String taskId, Principal staff) {
        return tickets.ticket(taskId, staff.getName());
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable String taskId, @PathVariable long id,
                                                   Principal staff) throws IOException {
        return tickets.download(taskId, staff.getName(), id);
    }
}
