package org.supportdesk.portal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Member;
import org.supportdesk.account.PasswordPolicy;
import org.supportdesk.login.CustomerUser;
import org.supportdesk.login.TooManyFailedLogins;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The signed-in member's own account: changing the password ends every other session of theirs. */
@Controller
class AccountPageController {

    private final AccountService accounts;
    private final Viewer viewer;
    private final Texts texts;

    AccountPageController(AccountService accounts, Viewer viewer, Texts texts) {
        this.accounts = accounts;
        this.viewer = viewer;
        this.texts = texts;
    }

    @GetMapping("/account")
    String page(ModelMap model) {
        viewer.me(model);
        return page(model, null);
    }

    @PostMapping("/account/password")
    String change(ModelMap model, @RequestParam(defaultValue = "") String currentPassword,
                  @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmation,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Member me = viewer.me(model);
        if (!newPassword.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, texts.text("form.password.new-differ"));
        }
        try {
            long version = accounts.changePassword(me.email(), currentPassword, newPassword, request.getRemoteAddr());
            CustomerUser.keepSignedIn(request, response, version);
        } catch (TooManyFailedLogins refused) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            return page(model, texts.text("form.password.too-many", SignInFailures.wait(texts, refused.retryAfter())));
        } catch (Refusal refusal) {
            response.setStatus(refusal.getStatusCode().value());
            return page(model, texts.detail(refusal));
        }
        redirect.addFlashAttribute("notice", texts.text("page.password.changed"));
        return "redirect:/account";
    }

    private String page(ModelMap model, String error) {
        model.addAttribute("error", error);
        model.addAttribute("minLength", PasswordPolicy.MIN_CHARACTERS);
        model.addAttribute("maxLength", PasswordPolicy.MAX_CHARACTERS);
        return "account";
    }
}
