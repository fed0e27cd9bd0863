package org.supportdesk.staff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.supportdesk.engine.AsSystem;

/** Staff addresses from Camunda's identity store (or whatever identity provider the engine is given). */
@Component
public class StaffDirectory {

    private final IdentityService identity;
    private final AsSystem asSystem;

    public StaffDirectory(IdentityService identity, AsSystem asSystem) {
        this.identity = identity;
        this.asSystem = asSystem;
    }

    public List<String> emailsOfGroup(String groupId) {
        return asSystem.call(() -> identity.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(User::getEmail).filter(Objects::nonNull).filter(e -> !e.isBlank()).distinct().toList());
    }

    public Optional<User> user(String userId) {
        return asSystem.call(() -> Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()));
    }

    public String displayName(String userId) {
        return user(userId).map(u -> (nullToEmpty(u.getFirstName()) + " " + nullToEmpty(u.getLastName())).strip())
                .filter(name -> !name.isEmpty()).orElse(userId);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
