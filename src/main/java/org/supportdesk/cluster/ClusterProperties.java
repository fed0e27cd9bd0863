package org.supportdesk.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How nodes of one desk tell that another has stopped (docs/operations.md).
 *
 * @param heartbeatInterval how often each node says it is alive
 * @param deadAfter         a node silent this long has stopped: its claimed mail (in and out) goes to another node
 */
@ConfigurationProperties("support.cluster")
public record ClusterProperties(
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration deadAfter) {
}
