package org.supportdesk.account;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account rules of the support policy.
 *
 * @param maxAuthorizedContacts R3: named support contacts an organisation may have
 * @param roleAddresses         R3: what marks an address as a list or shared mailbox rather than a person: a
 *                              word ({@code support}) matches the local part or any part of it between
 *                              {@code -} and {@code _} ({@code support-emea@}, {@code dev-team@}); an entry with
 *                              {@code *} is a pattern for the whole local part ({@code *-list},
 *                              {@code *admins}); operations aliases ({@code ops}, {@code devops},
 *                              {@code postmaster}, {@code root}, …) are lists too
 * @param invitationValidity    how long an invitation link works
 * @param passwordResetValidity how long a password reset link works
 */
@ConfigurationProperties("support")
public record AccountProperties(
        @DefaultValue("4") int maxAuthorizedContacts,
        @DefaultValue({"support", "team", "dev", "all", "info", "admin", "it", "noreply", "no-reply", "helpdesk",
                "sales", "staff", "list", "group", "ops", "devops", "devsecops", "secops", "netops", "sre",
                "operations", "sysadmin", "oncall", "on-call", "root", "postmaster", "hostmaster", "webmaster",
                "mailer-daemon", "abuse", "security", "alerts", "monitoring", "notifications", "billing", "office",
                "contact", "*-list", "*-team", "*-group", "*admins"}) List<String> roleAddresses,
        @DefaultValue("7d") java.time.Duration invitationValidity,
        @DefaultValue("1h") java.time.Duration passwordResetValidity) {
}
