package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.supportdesk.account.Eligibility;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.attachment.StoredFile;
import org.supportdesk.attachment.Upload;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where every new ticket is made, whichever channel and whether it is a follow-up: its files stored, its rows written
 * and its process started, in the caller's transaction. The timer {@code supportdesk.intake} times it, by channel.
 */
@Component
class TicketIntake {

    private final TicketRepository tickets;
    private final TicketProcess process;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentStore attachmentStore;
    private final Clock clock;
    private final MeterRegistry meters;

    TicketIntake(TicketRepository tickets, TicketProcess process, AttachmentPolicy attachmentPolicy,
                 AttachmentStore attachmentStore, Clock clock, MeterRegistry meters) {
        this.tickets = tickets;
        this.process = process;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentStore = attachmentStore;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A request that passed every check becomes a ticket (R8: discouraged formats are kept, flagged).
     *
     * @param eligible what the R4 check found: the process starts with it
     */
    Ticket create(NewTicket request, List<Upload> uploads, Eligibility eligible) {
        Timer.Sample sample = Timer.start(meters);
        Ticket ticket = stored(request, uploads, eligible);
        sample.stop(Timer.builder("supportdesk.intake")
                .description("Filing a ticket: its rows, files and the start of its process, by channel")
                .tag("channel", request.channel().name()).publishPercentileHistogram().register(meters));
        return ticket;
    }

    private Ticket stored(NewTicket request, List<Upload> uploads, Eligibility eligible) {
        List<StoredFile> files = uploads.stream().map(attachmentStore::store).toList();
        Instant now = clock.instant();
        long id = tickets.insert(request, Priority.NORMAL, now);
        for (StoredFile file : files) {
            tickets.addAttachment(id, null, file, attachmentPolicy.isDiscouraged(file.fileName()), now);
        }
        process.start(tickets.find(id).orElseThrow(), eligible);
        return tickets.find(id).orElseThrow();
    }
}
