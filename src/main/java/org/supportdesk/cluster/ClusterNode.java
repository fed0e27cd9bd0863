package org.supportdesk.cluster;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * This node, as the other nodes of the desk see it: an id for this run, and a heartbeat row in {@code cluster_node}
 * written every {@code heartbeatInterval} by a thread of its own (a busy scheduler must not make a live node look
 * dead). Work a node claims (mail to send, mail to process) carries its id; a claim whose node has been silent for
 * {@code deadAfter} is taken over by another node (see {@link #ALIVE_NODES}).
 */
@Component
public class ClusterNode implements SmartLifecycle {

    /**
     * The nodes alive at {@code :aliveSince}: a subquery for claims, e.g.
     * {@code claimed_by not in (}{@value #ALIVE_NODES}{@code )}.
     */
    public static final String ALIVE_NODES = "select node_id from cluster_node where heartbeat_at >= :aliveSince";

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final String id = UUID.randomUUID().toString();
    private final ClusterNodeRepository nodes;
    private final ClusterProperties properties;
    private final Clock clock;
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    /**
     * Liveness is wall-clock time, not the engine clock the rest of the desk reads (tests and benchmarks move that
     * one by days); nodes keep their clocks in step (NTP) far closer than {@code deadAfter}.
     */
    @org.springframework.beans.factory.annotation.Autowired
    ClusterNode(ClusterNodeRepository nodes, ClusterProperties properties) {
        this(nodes, properties, Clock.systemUTC());
    }

    ClusterNode(ClusterNodeRepository nodes, ClusterProperties properties, Clock clock) {
        this.nodes = nodes;
        this.properties = properties;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    /** Claims by nodes that have not beaten since this instant are orphans. */
    public Instant aliveSince() {
        return clock.instant().minus(properties.deadAfter());
    }

    /** Says this node is alive now (also called at start, before any claim is made). */
    public void beat() {
        Instant now = clock.instant();
        if (!nodes.beat(id, now)) {
            try {
                nodes.insert(id, host(), now);
            } catch (DuplicateKeyException insertedMeanwhile) {
                // another call of this node was faster
            }
        }
    }

    @Override
    public void start() {
        beat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                beat();
                nodes.deleteSilentSince(clock.instant().minus(properties.deadAfter().multipliedBy(100)));
            } catch (RuntimeException unavailable) {
                log.warn("Heartbeat of node {} failed: {}", id, unavailable.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Node {} on {} joined the desk", id, host());
    }

    @Override
    public void stop() {
        running = false;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            // a node that stops on purpose hands its claims over at once
            nodes.delete(id);
        } catch (RuntimeException unavailable) {
            log.warn("Node {} could not sign off: {}", id, unavailable.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the mail dispatcher (and anything else that claims work) starts, and after it stops. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "unknown";
        }
    }
}
