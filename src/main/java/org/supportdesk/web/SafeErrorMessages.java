package org.supportdesk.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Error pages never show exception text ({@code server.error.include-message: never}); a message the application
 * wrote for people ({@link #show}) is the only text they carry.
 */
@Component
public class SafeErrorMessages extends DefaultErrorAttributes {

    private static final String ATTRIBUTE = SafeErrorMessages.class.getName() + ".message";

    /** The message the error page of this request shows. */
    public static void show(HttpServletRequest request, String message) {
        request.setAttribute(ATTRIBUTE, message);
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request,
                options.excluding(ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.EXCEPTION,
                        ErrorAttributeOptions.Include.STACK_TRACE, ErrorAttributeOptions.Include.BINDING_ERRORS));
        Object message = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (message != null) {
            attributes.put("message", message);
        }
        return attributes;
    }
}
