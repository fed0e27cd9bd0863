package org.supportdesk.portal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.ui.ModelMap;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.supportdesk.web.Refusal;

/**
 * The portal's pages answer errors with a page, not with the API's problem JSON: the refusal's status and its
 * {@code detail}, which says what to do. Ordered before the API's handlers, and limited to the portal's controllers.
 */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PortalAdvice {

    private final Viewer viewer;
    private final Texts texts;

    PortalAdvice(Viewer viewer, Texts texts) {
        this.viewer = viewer;
        this.texts = texts;
    }

    @ModelAttribute
    void common(ModelMap model) {
        viewer.addTo(model);
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal) {
        return page(refusal.getStatusCode(), texts.title(refusal), texts.detail(refusal));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e) {
        return page(HttpStatus.BAD_REQUEST, texts.text("problem.title.400"),
                texts.text("form.page.bad-parameter", e.getName()));
    }

    /** Spring's own refusals (a missing parameter, a status exception, …). */
    @ExceptionHandler({ErrorResponseException.class, ServletRequestBindingException.class})
    ModelAndView error(Exception e) {
        ErrorResponse error = (ErrorResponse) e;
        return page(error.getStatusCode(), texts.title(error), texts.detail(error));
    }

    private ModelAndView page(HttpStatusCode status, String title, String detail) {
        ModelAndView page = new ModelAndView("error-page");
        page.setStatus(status);
        viewer.addTo(page.getModelMap());
        page.addObject("status", status.value());
        page.addObject("title", title == null ? texts.text("problem.title.500") : title);
        page.addObject("detail", detail);
        return page;
    }
}
