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
    private final Texts texts;

    OrganizationController(AccountService accounts, AccountProperties properties,
                           Viewer viewer, Clock clock, Texts texts) {
        this.accounts = accounts;
        this.properties = properties;
        this.viewer = viewer;
        this.clock = clock;
        this.texts = texts;
    }

    /** The invitation form; the same constraints as the API's. */
    public static class Invitation {
        @NotBlank(message = "{form.invitation.email.required}")
        @Email(message = "{form.invitation.email.not-an-email}")
        @Size(max = 254, message = "{form.invitation.email.too-long}")
        private String email;
        @NotBlank(message = "{form.invitation.name.required}")
        @Size(max = 200, message = "{form.invitation.name.too-long}")
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

    /** @param extendedSupport R21: whether the licence's add-on covers its product today */
    record LicenceRow(Licence licence, boolean active, boolean extendedSupport) {
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
            redirect.addFlashAttribute("notice", texts.text("page.organization.invited", member.name(), member.email(),
                    viewer.organization(model).name()));
            return "redirect:/organization";
        } catch (Refusal refusal) {
            response.setStatus(refusal.getStatusCode().value());
            model.addAttribute("inviteError", texts.detail(refusal));
            return page(model, invitation);
        }
    }

    @PostMapping("/organization/contacts")
    String designate(ModelMap model, @RequestParam(defaultValue = "") String email, HttpServletResponse response,
                     RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            accounts.designateContact(me.email(), me.organizationId(), email);
            redirect.addFlashAttribute("notice", texts.text("page.organization.contact-designated",
                    AccountService.normalize(email)));
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
            redirect.addFlashAttribute("notice", texts.text("page.organization.contact-revoked",
                    AccountService.normalize(email)));
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
            redirect.addFlashAttribute("notice", texts.text("page.organization.member-removed",
                    AccountService.normalize(email), viewer.organization(model).name()));
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
            redirect.addFlashAttribute("notice", texts.text(owner ? "page.organization.owner-made"
                    : "page.organization.owner-stepped-down", AccountService.normalize(email)));
            return "redirect:/organization#members";
        } catch (Refusal refusal) {
            return refusedMember(model, refusal, response);
        }
    }

    private String refusedMember(ModelMap model, Refusal refusal, HttpServletResponse response) {
        response.setStatus(refusal.getStatusCode().value());
        model.addAttribute("memberError", texts.detail(refusal));
        return page(model, new Invitation());
    }

    private String refused(ModelMap model, Refusal refusal, HttpServletResponse response) {
        response.setStatus(refusal.getStatusCode().value());
        model.addAttribute("contactError", texts.detail(refusal));
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
                .map(l -> new LicenceRow(l, l.isActiveOn(today), l.hasExtendedSupportOn(today))).toList());
        // R20: the count of outage reports found not to be outages, for owners
        model.addAttribute("sev1Downgrades", me.owner() ? accounts.sev1Downgrades(organization.id()) : null);
        return "organization";
    }
}
