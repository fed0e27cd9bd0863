package org.supportdesk.portal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The sign-in page (Spring Security handles the POST) and the start page. */
@Controller
class SignInController {

    @GetMapping("/")
    String home() {
        return "redirect:/activities";
    }

    @GetMapping("/login")
    String signIn(HttpSession session, Model model) {
        if (Viewer.email().isPresent()) {
            return "redirect:/activities";
        }
        Object message = session.getAttribute(SignInFailures.MESSAGE);
        Object email = session.getAttribute(SignInFailures.EMAIL);
        session.removeAttribute(SignInFailures.MESSAGE);
        session.removeAttribute(SignInFailures.EMAIL);
        model.addAttribute("failure", message);
        model.addAttribute("email", email == null ? "" : email);
        return "sign-in";
    }

    /** A throttled sign-in (forwarded here with 429 and Retry-After): the form again, saying how long to wait. */
    @RequestMapping(SignInFailures.TOO_MANY)
    String tooMany(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("failure", request.getAttribute(SignInFailures.MESSAGE));
        Object email = request.getAttribute(SignInFailures.EMAIL);
        model.addAttribute("email", email == null ? "" : email);
        return "sign-in";
    }
}
