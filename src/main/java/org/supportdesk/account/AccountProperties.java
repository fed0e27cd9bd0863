package org.supportdesk.account;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account rules of the support policy.
 *
 * @param maxAuthorizedContacts R3: named support contacts an organisation may have
 * @param roleAddresses         R3: local parts (globs, {@code *} = any text) of addresses that are lists or
 *                              shared mailboxes rather than individuals
 * @param invitationValidity    how long an invitation link works
 */
@ConfigurationProperties("support")
public record AccountProperties(
        @DefaultValue("4") int maxAuthorizedContacts,
        @DefaultValue({"support", "team", "dev", "all", "info", "admin", "it", "noreply"}) List<String> roleAddresses,
        @DefaultValue("7d") java.time.Duration invitationValidity) {
}
