package org.supportdesk.login;

import java.util.Collection;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A signed-in customer, with the version of the credentials they signed in with. A portal session whose version is
 * no longer the member's (password changed or reset elsewhere, member removed) is ended on its next request, on
 * whichever node serves it.
 */
public class CustomerUser extends User {

    private static final long serialVersionUID = 1L;
    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private final long credentialsVersion;

    public CustomerUser(String email, String passwordHash, long credentialsVersion,
                        Collection<? extends GrantedAuthority> authorities) {
        super(email, passwordHash, authorities);
        this.credentialsVersion = credentialsVersion;
    }

    public long credentialsVersion() {
        return credentialsVersion;
    }

    /** After the signed-in customer changed their own password: this session goes on with the new version. */
    public static void keepSignedIn(HttpServletRequest request, HttpServletResponse response, long newVersion) {
        SecurityContext context = SecurityContextHolder.getContext();
        if (context.getAuthentication() != null && context.getAuthentication().getPrincipal() instanceof CustomerUser user) {
            CustomerUser renewed = new CustomerUser(user.getUsername(), "", newVersion, user.getAuthorities());
            SecurityContext updated = SecurityContextHolder.createEmptyContext();
            updated.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(renewed, null,
                    renewed.getAuthorities()));
            SecurityContextHolder.setContext(updated);
            SESSIONS.saveContext(updated, request, response);
        }
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
