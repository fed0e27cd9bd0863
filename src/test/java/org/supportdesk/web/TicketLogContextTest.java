package org.supportdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which requests' log lines carry a ticket number, and that it is gone after the request. */
class TicketLogContextTest {

    @Test
    void requestsAboutOneTicketLogItsNumber() throws Exception {
        assertThat(seen("/api/tickets/sd-1001/replies")).isEqualTo("SD-1001");
        assertThat(seen("/api/tickets/SD-1001")).isEqualTo("SD-1001");
        assertThat(seen("/tickets/SD-42")).isEqualTo("SD-42");
        assertThat(seen("/staff/tickets/SD-7")).isEqualTo("SD-7");
        assertThat(seen("/api/staff/tickets/SD-7/notes")).isEqualTo("SD-7");
        assertThat(seen("/api/tickets")).isNull();
        assertThat(seen("/api/tickets/SD-1001x")).isNull();
        assertThat(seen("/camunda/app/tasklist/tickets/SD-1")).isNull();
        assertThat(MDC.get(TicketLogContext.KEY)).as("after the request").isNull();
    }

    private static String seen(String uri) throws Exception {
        List<String> inside = new ArrayList<>();
        new TicketLogContext().doFilter(new MockHttpServletRequest("GET", uri), new MockHttpServletResponse(),
                (request, response) -> inside.add(MDC.get(TicketLogContext.KEY)));
        return inside.get(0);
    }
}
