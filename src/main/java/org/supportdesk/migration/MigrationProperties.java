package org.supportdesk.migration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running process instances follow a newer version of their diagram (issue #15).
 *
 * @param enabled    migrate at all; off, every instance finishes on the version it started on
 * @param checkEvery how often each node looks for a newer version than running instances have (an analyst's
 *                   deployment from Modeler is picked up within this time; a start checks at once)
 */
@ConfigurationProperties("support.migration")
public record MigrationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration checkEvery) {
}
