package org.supportdesk.portal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Invitations;
import org.supportdesk.account.Member;
import org.supportdesk.web.Refusal;

/** The page an invitation mail links to: the new member chooses a password, then signs in. */
@Controller
class InvitationPageController {

    private final Invitations invitations;
    private final AccountService accounts;

    InvitationPageController(Invitations invitations, AccountService accounts) {
        this.invitations = invitations;
        this.accounts = accounts;
    }

    @GetMapping("/invitations/{token}")
    String page(@PathVariable String token, Model model) {
        show(token, model);
        return "invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String confirmation, Model model) {
        if (!password.equals(confirmation)) {
            show(token, model);
            model.addAttribute("error", "The two passwords differ. Type the same password twice.");
            return "invitation";
        }
        try {
            invitations.accept(token, password);
        } catch (Refusal refused) {
            if (refused.getStatusCode().value() != 400) {
                throw refused;
            }
            show(token, model);
            model.addAttribute("error", refused.getBody().getDetail());
            return "invitation";
        }
        return "redirect:/login?welcome";
    }

    private void show(String token, Model model) {
        Member member = invitations.invitee(token);
        model.addAttribute("member", member);
        model.addAttribute("organization", accounts.organization(member.organizationId()));
        model.addAttribute("token", token);
    }
}
