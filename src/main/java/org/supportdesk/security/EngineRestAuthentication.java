package org.supportdesk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.login.PasswordGate;
import org.supportdesk.login.Realm;
import org.supportdesk.login.TooManyFailedLogins;
import org.supportdesk.web.Refusal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic for the engine REST API ({@code /engine-rest/*}) with the staff login, in place of Camunda's own
 * authentication filter, so that the password check goes through the {@link PasswordGate} like every other one: a
 * guesser gets 429 long before Camunda's own lock (which is switched off: it would let anyone lock {@code oncall}
 * out for good). As Camunda's filter does, the engine then runs the request as that user, with their groups and
 * tenants, so authorization checks apply.
 */
class EngineRestAuthentication extends OncePerRequestFilter {

    // looked up at the first request: servlet filters are created before the database schema is migrated, and the
    // engine must not create its tables ahead of Flyway
    private final ObjectProvider<IdentityService> identityService;
    private final ObjectProvider<AsSystem> system;
    private final ObjectProvider<PasswordGate> passwordGate;
    private final Problems problems;

    EngineRestAuthentication(ObjectProvider<IdentityService> identity, ObjectProvider<AsSystem> asSystem,
                             ObjectProvider<PasswordGate> gate, Problems problems) {
        this.identityService = identity;
        this.system = asSystem;
        this.passwordGate = gate;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            unauthorized(response);
            return;
        }
        String user = credentials[0];
        IdentityService identity = identityService.getObject();
        AsSystem asSystem = system.getObject();
        PasswordGate gate = passwordGate.getObject();
        boolean right;
        try {
            right = gate.check(Realm.STAFF, user, request.getRemoteAddr(),
                    () -> asSystem.call(() -> identity.checkPassword(user, credentials[1])));
        } catch (TooManyFailedLogins refused) {
            problems.tooManyFailedLogins(response, refused);
            return;
        }
        if (!right) {
            unauthorized(response);
            return;
        }
        List<String> groups = asSystem.call(() -> identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList());
        List<String> tenants = asSystem.call(() -> identity.createTenantQuery().userMember(user)
                .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
        identity.setAuthentication(user, groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }

    private void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
        problems.write(response, new Refusal(HttpStatus.UNAUTHORIZED, "sign-in-required")
                .saying("problem.sign-in-required.staff"));
    }

    /** {@code [user, password]} of an HTTP Basic header, or null. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
