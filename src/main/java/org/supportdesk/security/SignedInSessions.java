package org.supportdesk.security;

import java.io.IOException;
import java.util.OptionalLong;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.login.CustomerUser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a portal session whose member was removed or whose password was changed or reset since the session signed
 * in: the request goes on signed out (and is sent to the sign-in page). The database is asked on every request, so
 * it holds on every node, whatever keeps the sessions.
 */
class SignedInSessions extends OncePerRequestFilter {

    private final AccountRepository accounts;

    SignedInSessions(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CustomerUser user) {
            OptionalLong current = accounts.credentialsVersion(user.getUsername());
            if (current.isEmpty() || current.getAsLong() != user.credentialsVersion()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
