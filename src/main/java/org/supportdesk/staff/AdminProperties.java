package org.supportdesk.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first Camunda administrator, created at the first start if missing (never changed afterwards: later password
 * changes are made in Camunda Admin).
 *
 * @param id       SUPPORT_ADMIN_USER
 * @param password  SUPPORT_ADMIN_PASSWORD (required outside the demo)
 * @param firstName the administrator's first name, as Camunda Admin shows it
 * @param lastName  the administrator's last name
 * @param email     the administrator's mail address (optional)
 */
@ConfigurationProperties("support.admin")
public record AdminProperties(
        @DefaultValue("admin") String id,
        String password,
        @DefaultValue("Support Desk") String firstName,
        @DefaultValue("Administrator") String lastName,
        String email) {
}
