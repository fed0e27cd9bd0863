package org.supportdesk.portal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.supportdesk.account.PasswordPolicy;
import org.supportdesk.account.PasswordResets;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * "Forgot your password?": the member asks for a link by address (the answer is the same whether or not the address
 * has an account), then chooses a new password on the page the link opens.
 */
@Controller
class PasswordResetPageController {

    private final PasswordResets resets;
    private final Texts texts;

    PasswordResetPageController(PasswordResets resets, Texts texts) {
        this.resets = resets;
        this.texts = texts;
    }

    @GetMapping("/password-reset")
    String form() {
        return "password-reset-request";
    }

    @PostMapping("/password-reset")
    String request(@RequestParam(defaultValue = "") String email, Model model) {
        String address = email.strip();
        if (address.length() <= 254 && address.contains("@")) {
            resets.request(address);
        }
        model.addAttribute("sent", true);
        model.addAttribute("email", address.length() <= 254 ? address : "");
        return "password-reset-request";
    }

    @GetMapping("/password-reset/{token}")
    String page(@PathVariable String token, Model model) {
        return show(token, model, null);
    }

    @PostMapping("/password-reset/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password,
                 @RequestParam(defaultValue = "") String confirmation, Model model, HttpServletResponse response) {
        if (!password.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(token, model, texts.text("form.password.differ"));
        }
        try {
            resets.reset(token, password);
        } catch (Refusal refused) {
            if (refused.getStatusCode().value() != 400) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(token, model, texts.detail(refused));
        }
        return "redirect:/login?reset";
    }

    private String show(String token, Model model, String error) {
        model.addAttribute("member", resets.holder(token));
        model.addAttribute("token", token);
        model.addAttribute("error", error);
        model.addAttribute("minLength", PasswordPolicy.MIN_CHARACTERS);
        model.addAttribute("maxLength", PasswordPolicy.MAX_CHARACTERS);
        return "password-reset";
    }
}
