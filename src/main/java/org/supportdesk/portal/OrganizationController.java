package org.supportdesk.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.supportdesk.account.AccountProperties;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The organisation page (R1–R3, R20): members, licences, authorized contacts and, for owners, inviting members and
 * designating or revoking contacts. The rules (owners only, at most four contacts, no list addresses) are
 * {@link AccountService}'s; the page states them and shows its refusals.
 */
@Controller
class OrganizationController {

    private final AccountService accounts;
    private final AccountProperties properties;
    private final Viewer viewer;
    private final Clock clock;

    OrganizationController(AccountService accounts, AccountProperties properties,
                           Viewer viewer, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.viewer = viewer;
        this.clock = clock;
    }

    /** The invitation form; the same constraints as the API's. */
    public static class Invitation {
        @NotBlank(message = "Please enter the email address.")
        @Email(message = "This is not an email address.")
        @Size(max = 254, message = "At most 254 characters.")
        private String email;
        @NotBlank(message = "Please enter the name.")
        @Size(max = 200, message = "At most 200 characters.")
        private String name;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    record LicenceRow(Licence licence, boolean active) {
    }

    @GetMapping("/organization")
    String organization(ModelMap model) {
        return page(model, new Invitation());
    }

    @PostMapping("/organization/members")
    String invite(ModelMap model, @Valid @ModelAttribute("invitation") Invitation invitation, BindingResult binding,
                  HttpServletResponse response, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            response.setStatus(400);
            model.addAttribute("inviteErrors", binding.getFieldErrors().stream()
                    .collect(java.util.stream.Collectors.toMap(FieldError::getField,
                            e -> String.valueOf(e.getDefaultMessage()), (a, b) -> a)));
            return page(model, invitation);
        }
        Member me = viewer.me(model);
        try {
            Member member = accounts.invite(me.email(), me.organizationId(), invitation.getEmail(),
                    invitation.getName());
            redirect.addFlashAttribute("notice", member.name() + " (" + member.email() + ") is now a member of "
                    + viewer.organization(model).name() + ".");
            return "redirect:/organization";
        } catch (Refusal refusal) {
            response.setStatus(refusal.getStatusCode().value());
            model.addAttribute("inviteError", refusal.getBody().getDetail());
            return page(model, invitation);
        }
    }

    @PostMapping("/organization/contacts")
    String designate(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                     RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            accounts.designateContact(me.email(), me.organizationId(), email);
            redirect.addFlashAttribute("notice", AccountService.normalize(email)
                    + " is now an authorized support contact.");
            return "redirect:/organization#contacts";
        } catch (Refusal refusal) {
            return refused(model, refusal, response);
        }
    }

    @PostMapping("/organization/contacts/revoke")
    String revoke(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            accounts.revokeContact(me.email(), me.organizationId(), email);
            redirect.addFlashAttribute("notice", AccountService.normalize(email)
                    + " is no longer an authorized support contact.");
            return "redirect:/organization#contacts";
        } catch (Refusal refusal) {
            return refused(model, refusal, response);
        }
    }

    @PostMapping("/organization/members/remove")
    String remove(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            accounts.removeMember(me.email(), me.organizationId(), email);
            if (AccountService.normalize(email).equals(me.email())) {
                return "redirect:/login?signedOut";
            }
            redirect.addFlashAttribute("notice", AccountService.normalize(email) + " is no longer a member of "
                    + viewer.organization(model).name() + ".");
            return "redirect:/organization#members";
        } catch (Refusal refusal) {
            return refusedMember(model, refusal, response);
        }
    }

    @PostMapping("/organization/owners")
    String makeOwner(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                     RedirectAttributes redirect) {
        return owner(model, email, true, response, redirect);
    }

    @PostMapping("/organization/owners/remove")
    String removeOwner(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                       RedirectAttributes redirect) {
        return owner(model, email, false, response, redirect);
    }

    private String owner(ModelMap model, String email, boolean owner, HttpServletResponse response,
                         RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            accounts.setOwner(me.email(), me.organizationId(), email, owner);
            redirect.addFlashAttribute("notice", AccountService.normalize(email)
                    + (owner ? " is now an owner." : " is no longer an owner."));
            return "redirect:/organization#members";
        } catch (Refusal refusal) {
            return refusedMember(model, refusal, response);
        }
    }

    private String refusedMember(ModelMap model, Refusal refusal, HttpServletResponse response) {
        response.setStatus(refusal.getStatusCode().value());
        model.addAttribute("memberError", refusal.getBody().getDetail());
        return page(model, new Invitation());
    }

    private String refused(ModelMap model, Refusal refusal, HttpServletResponse response) {
        response.setStatus(refusal.getStatusCode().value());
        model.addAttribute("contactError", refusal.getBody().getDetail());
        return page(model, new Invitation());
    }

    private String page(ModelMap model, Invitation invitation) {
        Member me = viewer.me(model);
        Organization organization = accounts.organizationOf(me.email(), me.organizationId());
        List<Member> members = accounts.members(me.email(), organization.id());
        LocalDate today = LocalDate.now(clock.withZone(organization.timeZone()));
        model.addAttribute("invitation", invitation);
        model.addAttribute("members", members);
        model.addAttribute("owners", members.stream().filter(Member::owner).toList());
        model.addAttribute("contacts", members.stream().filter(Member::authorizedContact).toList());
        model.addAttribute("maxContacts", properties.maxAuthorizedContacts());
        model.addAttribute("roleAddresses", properties.roleAddresses());
        model.addAttribute("licences", accounts.licences(organization.id()).stream()
                .map(l -> new LicenceRow(l, l.isActiveOn(today))).toList());
        // R20: the count of outage reports found not to be outages, for owners
        model.addAttribute("sev1Downgrades", me.owner() ? accounts.sev1Downgrades(organization.id()) : null);
        return "organization";
    }
}
