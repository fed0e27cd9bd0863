package org.supportdesk.portal;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.web.Refusal;

/** Who is looking at a page: the signed-in member and their organisation, which every page header shows. */
@Component
class Viewer {

    private final AccountRepository accounts;
    private final Labels labels;
    private final MailSettings mail;
    private final CalendarProperties hours;

    Viewer(AccountRepository accounts, Labels labels, MailSettings mail, CalendarProperties hours) {
        this.accounts = accounts;
        this.labels = labels;
        this.mail = mail;
        this.hours = hours;
    }

    /** The signed-in customer's email address, if someone is signed in. */
    static Optional<String> email() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof org.springframework.security.core.userdetails.UserDetails user)) {
            return Optional.empty();
        }
        return Optional.of(user.getUsername());
    }

    /** What every page needs: {@code labels}, the support address and hours, and for a signed-in member {@code me}, {@code organization}, {@code fmt}. */
    void addTo(ModelMap model) {
        model.addAttribute("labels", labels);
        model.addAttribute("supportAddress", mail.supportAddress());
        model.addAttribute("businessHours", hours.opensAt() + "–" + hours.closesAt());
        model.addAttribute("workingDays", hours.workingDaysText());
        email().flatMap(email -> accounts.findMember(AccountService.normalize(email))).ifPresent(me -> {
            model.addAttribute("me", me);
            accounts.findOrganization(me.organizationId()).ifPresent(organization -> {
                model.addAttribute("organization", organization);
                model.addAttribute("fmt", new Formats(organization.timeZone()));
            });
        });
    }

    /** The signed-in member; a session whose account has gone meanwhile finds nothing. */
    Member me(ModelMap model) {
        Member me = (Member) model.get("me");
        if (me == null) {
            throw Refusal.notFound("your-account");
        }
        return me;
    }

    Organization organization(ModelMap model) {
        return (Organization) model.get("organization");
    }
}
