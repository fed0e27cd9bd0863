package org.supportdesk.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the signed-in staff login may open, read from the roles it signed in with ({@link StaffAuthenticationProvider}
 * gives them by Camunda group): the one place that the staff pages' security chain, their menu, their links to the
 * dashboard and to Cockpit and their 403 page follow. Agents, on-call and backup on-call open the staff pages and
 * Tasklist; managers and Camunda administrators also the dashboard and Cockpit; process analysts only Cockpit (they
 * have no staff pages). Templates read it as {@code @staffAccess.signedIn()}.
 */
@Component("staffAccess")
public class StaffAccess {

    /**
     * The staff pages only managers (and administrators) open: the dashboard and its CSV files. A staff login refused
     * anywhere under {@code /staff} was refused one of these, and the 403 page says so.
     */
    static final String[] MANAGER_PAGES = {"/staff/dashboard", "/staff/dashboard/**"};

    /** Where a refused staff page is answered: a 403 page in the staff layout that says who may open it. */
    public static final String REFUSED_PAGE = "/staff/refused";

    /**
     * What a login opens.
     *
     * @param staffPages the staff pages (search, ticket pages, notes) and Tasklist
     * @param dashboard  the manager dashboard ({@link #MANAGER_PAGES})
     * @param cockpit    Cockpit, which lets in managers, administrators and process analysts, no one else
     */
    public record Opens(boolean staffPages, boolean dashboard, boolean cockpit) {
    }

    /** What the login of the request being answered opens; nothing when nobody is signed in. */
    public Opens signedIn() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Opens of(Authentication login) {
        if (login == null || !login.isAuthenticated()) {
            return new Opens(false, false, false);
        }
        Set<String> roles = AuthorityUtils.authorityListToSet(login.getAuthorities());
        boolean manager = roles.contains(role(StaffAuthenticationProvider.MANAGER));
        return new Opens(roles.contains(role(StaffAuthenticationProvider.STAFF)), manager,
                manager || roles.contains(role(StaffAuthenticationProvider.ANALYST)));
    }

    private static String role(String name) {
        return "ROLE_" + name;
    }
}
