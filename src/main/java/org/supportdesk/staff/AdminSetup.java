package org.supportdesk.staff;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.supportdesk.engine.StartupTask;

/**
 * The first administrator (group {@code camunda-admin}, every permission on every resource), created before the web
 * server takes its first request, so that Camunda Admin's "create the initial user" page is never open to the
 * internet. A {@link StartupTask}: nodes starting together create it once.
 */
@Component
@Order(10)
class AdminSetup implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final AdminProperties admin;

    AdminSetup(IdentityService identity, AuthorizationService authorizations, AdminProperties admin) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.admin = admin;
    }

    @Override
    public void setUp() {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Camunda administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            if (authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource)
                    .resourceId(ANY).count() == 0) {
                Authorization all = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
        if (identity.createUserQuery().userId(admin.id()).count() > 0) {
            return;
        }
        User user = identity.newUser(admin.id());
        user.setFirstName(admin.firstName());
        user.setLastName(admin.lastName());
        user.setEmail(admin.email());
        user.setPassword(admin.password());
        identity.saveUser(user);
        identity.createMembership(admin.id(), Groups.CAMUNDA_ADMIN);
        log.info("Created the first administrator {}", admin.id());
    }
}
