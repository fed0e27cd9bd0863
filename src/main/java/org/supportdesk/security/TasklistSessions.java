package org.supportdesk.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.staff.StaffGroup;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The login a staff member signed in to Tasklist (or Cockpit) with, read from the HTTP session the Camunda webapps
 * keep it in, as the signed-in user of the desk's own calls that Tasklist makes (the "Ticket" tab): no second login,
 * no HTTP Basic prompt. Roles as for the staff API ({@link StaffAuthenticationProvider}): {@code STAFF} for a login in
 * a group that works tickets or an administrator, {@code ANALYST} for process analysts. The groups are those Camunda
 * stored at sign-in (Camunda refreshes them in the session after its login cache expires).
 */
class TasklistSessions extends OncePerRequestFilter {

    /** The desk's calls behind the Tasklist session (under {@code /camunda/api/*}, which the session cookie reaches). */
    static final String PATHS = "/camunda/api/support-desk/**";
    private static final String ENGINE = "default";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentications webapps = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        UserAuthentication user = webapps == null ? null
                : (UserAuthentication) webapps.getAuthenticationForProcessEngine(ENGINE);
        if (user != null && user.getIdentityId() != null) {
            List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
            List<SimpleGrantedAuthority> roles = new ArrayList<>();
            if (StaffGroup.worksTickets(groups)) {
                roles.add(new SimpleGrantedAuthority("ROLE_" + StaffAuthenticationProvider.STAFF));
            }
            if (groups.contains(StaffGroup.PROCESS_ANALYSTS.id())) {
                roles.add(new SimpleGrantedAuthority("ROLE_" + StaffAuthenticationProvider.ANALYST));
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null,
                    roles));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
