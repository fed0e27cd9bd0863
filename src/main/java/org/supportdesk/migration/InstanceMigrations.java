package org.supportdesk.migration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves running instances of an older version of a diagram to its latest version (issue #15), with Camunda's
 * migration API: a plan that maps the activities both versions have (same id and type) and recomputes the due date
 * of every timer whose definition changed ({@code updateEventTrigger}), run as a batch. An instance waiting in an
 * activity the new version does not have, or whose plan does not validate, keeps running on its version; it is
 * recorded with the reason (the log, {@code GET /api/staff/migrations}). Each pair of versions is migrated once in
 * the cluster: the first node to record it starts the batch.
 */
@Service
public class InstanceMigrations {

    private static final Logger log = LoggerFactory.getLogger(InstanceMigrations.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final MigrationRepository recorded;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    InstanceMigrations(RepositoryService repository, RuntimeService runtime, MigrationRepository recorded, Clock clock,
                       org.springframework.transaction.PlatformTransactionManager transactions) {
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.repository = repository;
        this.runtime = runtime;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** What one check started: per older version, the batch and how many instances follow, and those that do not. */
    public record Started(String processKey, int fromVersion, int toVersion, String batchId, int migrating,
                          int skipped) {
    }

    /**
     * Every process's older versions with running instances, migrated to the latest version; each pair of versions
     * in a transaction of its own (another node may have taken it: then nothing happens here).
     */
    public List<Started> migrateToLatest() {
        List<Started> started = new ArrayList<>();
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery().latestVersion().list()) {
            for (ProcessDefinition older : repository.createProcessDefinitionQuery()
                    .processDefinitionKey(latest.getKey()).list()) {
                if (older.getVersion() < latest.getVersion()
                        && runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).count() > 0) {
                    try {
                        ownTransaction.execute(status -> migrate(older, latest)).ifPresent(started::add);
                    } catch (DuplicateKeyException alreadyStarted) {
                        log.debug("{} v{} is migrated elsewhere", older.getKey(), older.getVersion());
                    }
                }
            }
        }
        return started;
    }

    private java.util.Optional<Started> migrate(ProcessDefinition source, ProcessDefinition target) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                .list();
        if (recorded.recorded(source.getId(), target.getId())) {
            return java.util.Optional.empty(); // by an earlier check, here or on another node
        }
        // a node doing the same at this moment fails on the key, and its transaction (this pair) is rolled back
        recorded.record(source.getId(), target.getId(), instances.size(), clock.instant());
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(source.getId(), target.getId())
                    .mapEqualActivities().updateEventTriggers().build();
        } catch (MigrationPlanValidationException invalid) {
            String reason = "The versions cannot be mapped: " + invalid.getValidationReport().getInstructionReports()
                    .stream().flatMap(r -> r.getFailures().stream()).distinct().toList();
            instances.forEach(instance -> skip(instance, source, target, reason));
            log.warn("{} instance(s) of {} v{} stay on it: {}", instances.size(), source.getKey(),
                    source.getVersion(), reason);
            return java.util.Optional.of(new Started(source.getKey(), source.getVersion(), target.getVersion(), null,
                    0, instances.size()));
        }
        Set<String> mapped = new HashSet<>();
        for (MigrationInstruction instruction : plan.getInstructions()) {
            mapped.add(instruction.getSourceActivityId());
        }
        List<String> following = new ArrayList<>();
        int skipped = 0;
        for (ProcessInstance instance : instances) {
            List<String> unmapped = runtime.getActiveActivityIds(instance.getId()).stream()
                    .filter(activity -> !mapped.contains(activity)).toList();
            if (unmapped.isEmpty()) {
                following.add(instance.getId());
            } else {
                skipped++;
                skip(instance, source, target, "Waits at " + String.join(", ", unmapped) + ", which version "
                        + target.getVersion() + " does not have (or has as another kind of element)");
            }
        }
        String batchId = null;
        if (!following.isEmpty()) {
            Batch batch = runtime.newMigration(plan).processInstanceIds(following).skipCustomListeners()
                    .executeAsync();
            batchId = batch.getId();
            recorded.recordBatch(source.getId(), target.getId(), batchId);
        }
        log.info("Migrating {} instance(s) of {} from version {} to {} (batch {}); {} stay on version {}",
                following.size(), source.getKey(), source.getVersion(), target.getVersion(), batchId, skipped,
                source.getVersion());
        return java.util.Optional.of(new Started(source.getKey(), source.getVersion(), target.getVersion(), batchId,
                following.size(), skipped));
    }

    private void skip(ProcessInstance instance, ProcessDefinition source, ProcessDefinition target, String reason) {
        log.warn("{} {} ({}) stays on version {}: {}", source.getKey(), instance.getId(),
                instance.getBusinessKey(), source.getVersion(), reason);
        recorded.recordSkip(instance.getId(), target.getId(), source.getId(), source.getKey(),
                instance.getBusinessKey(), reason, clock.instant());
    }

    /** An instance running on an older version than its diagram's latest, and why. */
    public record Behind(String processKey, int version, int latestVersion, String instanceId, String businessKey,
                         String reason) {
    }

    /** Every instance not on its diagram's latest version, with the recorded reason or the migration under way. */
    @Transactional(readOnly = true)
    public List<Behind> behind() {
        List<Behind> result = new ArrayList<>();
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().list()) {
            for (ProcessDefinition older : repository.createProcessDefinitionQuery()
                    .processDefinitionKey(latest.getKey()).orderByProcessDefinitionVersion().asc().list()) {
                if (older.getVersion() >= latest.getVersion()) {
                    continue;
                }
                for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                        .processDefinitionId(older.getId()).list()) {
                    result.add(new Behind(latest.getKey(), older.getVersion(), latest.getVersion(), instance.getId(),
                            instance.getBusinessKey(), reason(instance.getId(), older.getId(), latest.getId())));
                }
            }
        }
        return result;
    }

    private String reason(String instanceId, String source, String target) {
        return recorded.skipReason(instanceId, target)
                .or(() -> recorded.batch(source, target)
                        .map(batch -> "Migration batch " + batch + " under way; if it stays, its failed jobs are"
                                + " incidents in Cockpit (Batches)"))
                .orElse("Not checked yet (within support.migration.check-every), or migration is switched off");
    }
}
