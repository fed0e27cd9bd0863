package org.supportdesk.attachment;

import java.util.Locale;

import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * R8: an upload over the server's size limits cannot be read at all, so its CSRF token (a form field) is missing too.
 * The portal's and the staff pages' refusal handlers ask here whether that is why, to send the person back to the form
 * that states the limits instead of a bare 403.
 */
public final class OversizeUploads {

    private OversizeUploads() {
    }

    /** Spring's own reading of the multipart body: it tells a size limit from other broken uploads. */
    public static boolean tooLarge(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return false;
        }
        try {
            new StandardMultipartHttpServletRequest(request);
            return false;
        } catch (MaxUploadSizeExceededException e) {
            return true;
        } catch (MultipartException e) {
            return false;
        }
    }
}
