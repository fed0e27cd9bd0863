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
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Moves running instances of an older version of a diagram to its latest version (issue #15), with Camunda's
 * migration API: a plan that maps the activities both versions have (same id and type) and recomputes the due date
 * of every timer whose definition changed ({@code updateEventTrigger}), run as a batch. An instance waiting in an
 * activity the new version does not have, or whose plan does not validate, keeps running on its version; it is
 * recorded with the reason (the log, {@code GET /api/staff/migrations}). Each pair of versions is migrated once in
 * the cluster: the first node to record it starts the batch.
 * <p>
 * Migration moves what an instance waits at; it starts nothing. A ticket waiting for its customer (PENDING) on a
 * version of {@code support-ticket} before R14's task that finishes the wait ({@link SupportTicketDiagram#PENDING_TASK})
 * follows at once, in the check's transaction, and gets that task in the wait it is in, with its reminders and
 * auto-close as they were ({@link #startTheTasksTheVersionAdds}).
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
        List<String> migratedNow = startTheTasksTheVersionAdds(source, target, plan, following);
        following.removeAll(migratedNow);
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
                following.size() + migratedNow.size(), skipped));
    }

    /**
     * R14: the tickets among {@code following} that wait for their customer in {@link SupportTicketDiagram#PENDING_WAIT}
     * on a version without {@link SupportTicketDiagram#PENDING_TASK}, when the target has it: migrated now and given
     * the task inside their wait (the agent who asked, else the team, as a new wait would). Their timers keep their
     * due dates. Returns them (they are done); none for other diagrams or versions.
     */
    private List<String> startTheTasksTheVersionAdds(ProcessDefinition source, ProcessDefinition target,
                                                     MigrationPlan plan, List<String> following) {
        if (!SupportTicketDiagram.PROCESS_KEY.equals(target.getKey())
                || !has(target, SupportTicketDiagram.PENDING_TASK) || has(source, SupportTicketDiagram.PENDING_TASK)) {
            return List.of();
        }
        List<String> waiting = following.stream().filter(id -> {
            ActivityInstance tree = runtime.getActivityInstance(id);
            return tree != null && tree.getActivityInstances(SupportTicketDiagram.PENDING_WAIT).length > 0;
        }).toList();
        if (!waiting.isEmpty()) {
            runtime.newMigration(plan).processInstanceIds(waiting).skipCustomListeners().execute();
            runtime.createModification(target.getId()).startBeforeActivity(SupportTicketDiagram.PENDING_TASK)
                    .processInstanceIds(waiting).execute();
            log.info("{} PENDING ticket(s) of {} v{} follow version {} with the task that finishes their wait",
                    waiting.size(), source.getKey(), source.getVersion(), target.getVersion());
        }
        return waiting;
    }

    private boolean has(ProcessDefinition definition, String activityId) {
        return repository.getBpmnModelInstance(definition.getId()).getModelElementById(activityId) != null;
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
