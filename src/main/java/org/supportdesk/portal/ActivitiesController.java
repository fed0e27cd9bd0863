package org.supportdesk.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.supportdesk.ticket.TicketReading;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketView;
import org.supportdesk.web.Refusal;

/** My Activities (R17): my requests, requests I'm CC'd on, my organisation's requests; newest activity first. */
@Controller
class ActivitiesController {

    static final int PAGE_SIZE = 20;

    private final TicketReading tickets;
    private final Viewer viewer;
    private final Texts texts;

    ActivitiesController(TicketReading tickets, Viewer viewer, Texts texts) {
        this.texts = texts;
        this.tickets = tickets;
        this.viewer = viewer;
    }

    record Tab(String view, String label, boolean current) {
    }

    @GetMapping("/activities")
    String activities(ModelMap model, @RequestParam(defaultValue = "mine") String view,
                      @RequestParam(required = false) String status, @RequestParam(defaultValue = "1") int page,
                      @RequestParam(defaultValue = "" + PAGE_SIZE) int size) {
        TicketView ticketView = choice(TicketView.class, view, "view");
        TicketStatus ticketStatus = status == null || status.isBlank() ? null : choice(TicketStatus.class, status, "status");
        if (page < 1 || size < 1 || size > 100) {
            throw Refusal.badRequest("invalid-page", 100);
        }
        TicketRepository.Page result = tickets.list(viewer.me(model).email(), ticketView, ticketStatus, page - 1, size);
        long pages = Math.max(1, (result.total() + size - 1) / size);
        String current = ticketView.name().toLowerCase(Locale.ROOT);
        model.addAttribute("tabs", List.of(
                new Tab("mine", texts.text("page.activities.mine"), ticketView == TicketView.MINE),
                new Tab("cc", texts.text("page.activities.cc"), ticketView == TicketView.CC),
                new Tab("organization", texts.text("page.activities.organization"),
                        ticketView == TicketView.ORGANIZATION)));
        model.addAttribute("view", current);
        model.addAttribute("status", ticketStatus == null ? "" : ticketStatus.name());
        model.addAttribute("statuses", Arrays.asList(TicketStatus.values()));
        model.addAttribute("tickets", result.items());
        model.addAttribute("total", result.total());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("size", size);
        return "activities";
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("invalid-" + name, value);
        }
    }
}
