package org.supportdesk.security;

import java.io.IOException;
import java.util.Locale;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A multipart upload to the staff pages (an answer with files) is parsed only for a staff login that was checked. The
 * CSRF check reads its token from the form, before the HTTP Basic login is checked, and reading a multipart form
 * means parsing it and writing its files to disk, up to 250 MB, for anyone. So for a multipart request the login is
 * checked here, before the CSRF check, through the same throttled password check (the Basic filter after it then finds
 * the login signed in); without a login, or with a wrong one, the answer is 401 with the staff realm's challenge (a
 * problem written at once, not an error page, which would read the form), the body is not read, and the connection is
 * closed rather than the rest of the upload waited for.
 */
class StaffUploadsNeedSignIn extends OncePerRequestFilter {

    private final AuthenticationManager staffPasswords;
    private final AuthenticationEntryPoint challenge;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    StaffUploadsNeedSignIn(AuthenticationManager staffPasswords, AuthenticationEntryPoint challenge) {
        this.staffPasswords = staffPasswords;
        this.challenge = challenge;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            UsernamePasswordAuthenticationToken given = basic.convert(request);
            if (given == null) {
                response.setHeader("Connection", "close");
                challenge.commence(request, response,
                        new InsufficientAuthenticationException("An upload needs the staff login"));
                return;
            }
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (current == null || !current.isAuthenticated() || current instanceof AnonymousAuthenticationToken
                    || !current.getName().equals(given.getName())) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(staffPasswords.authenticate(given));
                SecurityContextHolder.setContext(context);
            }
        } catch (AuthenticationException refused) {
            SecurityContextHolder.clearContext();
            response.setHeader("Connection", "close");
            challenge.commence(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }
}
