package org.supportdesk.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every log line written while a request about one ticket is served carries its number as {@code ticketNumber}
 * (MDC), as the engine's lines of the ticket's process do ({@code loggingContextBusinessKey}): the customer API and
 * portal ({@code /api/tickets/SD-1001/…}, {@code /tickets/SD-1001}) and the staff workspace and API.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TicketLogContext extends OncePerRequestFilter {

    static final String KEY = "ticketNumber";
    private static final Pattern TICKET = Pattern.compile("^/(?:api/)?(?:staff/)?tickets/(sd-\\d{1,18})(?:/|$)",
            Pattern.CASE_INSENSITIVE);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher ticket = TICKET.matcher(request.getRequestURI());
        if (!ticket.find()) {
            chain.doFilter(request, response);
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(KEY, ticket.group(1).toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
        }
    }
}
