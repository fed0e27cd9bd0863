package org.supportdesk.portal;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import org.supportdesk.attachment.OversizeUploads;
import org.supportdesk.web.SafeErrorMessages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A portal form the security filters refuse.
 *
 * <p>An upload over the server's size limits cannot be read at all, so its CSRF token (a form field) is missing
 * too: such a request is refused here, before any controller. Instead of a bare 403 the person goes back to the
 * form, which states the limits (R8). Nothing was stored, so sending a forged oversize request gains nothing.
 * Any other CSRF failure is a 403 page that says what to do (for the satisfaction survey: open the mail's link
 * again).
 */
class RefusedForms implements AccessDeniedHandler {

    private static final Pattern REPLY = Pattern.compile("/tickets/(SD-\\d{1,18})/replies", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOLLOW_UP = Pattern.compile("/tickets/(SD-\\d{1,18})/follow-ups",
            Pattern.CASE_INSENSITIVE);

    private final Texts texts;

    RefusedForms(Texts texts) {
        this.texts = texts;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException && OversizeUploads.tooLarge(request)) {
            String form = formOf(request);
            if (form != null) {
                response.setStatus(HttpStatus.SEE_OTHER.value());
                response.setHeader("Location", request.getContextPath() + form);
                return;
            }
            SafeErrorMessages.show(request, texts.text("form.upload-too-large"));
            response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
            return;
        }
        SafeErrorMessages.show(request, texts.text(!(denied instanceof CsrfException) ? "form.forbidden"
                : survey(request) ? "form.expired.survey" : "form.expired"));
        response.sendError(HttpStatus.FORBIDDEN.value());
    }

    /** A rating or comment of the satisfaction survey: its page comes from the mail's link, not from "back". */
    private static boolean survey(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/survey/");
    }

    /** The page with the form that sent an oversize request, marked so that it shows the limits. */
    static String formOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && "/requests".equals(path)) {
            return "/requests/new?tooLarge";
        }
        Matcher reply = REPLY.matcher(path);
        if ("POST".equals(request.getMethod()) && reply.matches()) {
            return "/tickets/" + reply.group(1).toUpperCase(Locale.ROOT) + "?tooLarge#reply";
        }
        Matcher followUp = FOLLOW_UP.matcher(path);
        if ("POST".equals(request.getMethod()) && followUp.matches()) {
            return "/tickets/" + followUp.group(1).toUpperCase(Locale.ROOT) + "?tooLarge="
                    + TicketPageController.FOLLOW_UP + "#follow-up";
        }
        return null;
    }
}
