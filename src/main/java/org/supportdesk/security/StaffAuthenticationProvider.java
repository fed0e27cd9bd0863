package org.supportdesk.security;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.staff.StaffGroup;

/**
 * Staff sign in to the staff API with their Camunda login, as they do in Tasklist and Cockpit. Used behind
 * {@link ThrottledPasswords}.
 */
class StaffAuthenticationProvider implements AuthenticationProvider {

    static final String STAFF = "STAFF";
    /** Managers and administrators: they also register customers and their licences. */
    static final String MANAGER = "MANAGER";
    /** Process analysts: they read what concerns the diagrams' versions, not tickets (their work is in Cockpit). */
    static final String ANALYST = "ANALYST";
    /**
     * Every group that works tickets (agents, managers, on-call and backup on-call, the team queues) and Camunda's
     * admins.
     */
    private static final Set<String> STAFF_GROUPS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(StaffGroup.values()).filter(g -> g != StaffGroup.PROCESS_ANALYSTS)
                    .map(StaffGroup::id), java.util.stream.Stream.of("camunda-admin"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final IdentityService identity;
    private final AsSystem asSystem;

    StaffAuthenticationProvider(IdentityService identity, AsSystem asSystem) {
        this.identity = identity;
        this.asSystem = asSystem;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        List<String> groups = asSystem.call(() -> identity.checkPassword(user, password)
                ? identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList()
                : List.<String>of());
        boolean staff = groups.stream().anyMatch(STAFF_GROUPS::contains);
        boolean analyst = groups.contains(StaffGroup.PROCESS_ANALYSTS.id());
        if (!staff && !analyst) {
            throw new BadCredentialsException("Not a staff login");
        }
        List<SimpleGrantedAuthority> roles = new java.util.ArrayList<>();
        if (staff) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + STAFF));
        }
        if (analyst) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + ANALYST));
        }
        if (groups.contains(StaffGroup.SUPPORT_MANAGERS.id()) || groups.contains("camunda-admin")) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + MANAGER));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
