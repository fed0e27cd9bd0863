package org.supportdesk.security;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.supportdesk.attachment.OversizeUploads;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A staff page or form the security filters refuse: the staff 403 page ({@link StaffAccess#REFUSED_PAGE}). One
 * exception, as in the portal: an answer whose files are over the server's size limits cannot be read at all, so its
 * CSRF token (a form field) is missing too; the agent goes back to the ticket's answer form, which says that nothing
 * was sent and states the limits (R8). Nothing was stored, so a forged oversize request gains nothing.
 */
class StaffRefusedForms implements AccessDeniedHandler {

    private static final Pattern ANSWER = Pattern.compile("/staff/tickets/(SD-\\d{1,18})/answers",
            Pattern.CASE_INSENSITIVE);

    private final AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();

    StaffRefusedForms() {
        page.setErrorPage(StaffAccess.REFUSED_PAGE);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        Matcher answer = ANSWER.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (denied instanceof CsrfException && "POST".equals(request.getMethod()) && answer.matches()
                && OversizeUploads.tooLarge(request)) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", request.getContextPath() + "/staff/tickets/"
                    + answer.group(1).toUpperCase(Locale.ROOT) + "?tooLarge#answer");
            return;
        }
        page.handle(request, response, denied);
    }
}
