package org.supportdesk;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.context.TestComponent;

/** The job executor is off in tests: due jobs run when a test says so, at the engine clock's "now". */
@TestComponent
public class Jobs {

    private final ManagementService management;

    Jobs(ManagementService management) {
        this.management = management;
    }

    /** Runs every due job, and the jobs those create, until none is due. Failing jobs are left to their retries. */
    public int executeDue() {
        int executed = 0;
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    // the engine has recorded the failure and scheduled a retry (or raised an incident)
                }
                executed++;
            }
        }
        throw new IllegalStateException("Jobs keep coming due: a loop?");
    }

    /**
     * What the job executor does with a batch (e.g. a migration): the seed job makes the batch's jobs, then each
     * runs. A job that fails (an instance some other test left in a state of its own) keeps its failure, as the job
     * executor would leave it after its retries, for Cockpit.
     */
    public void runBatch(String batchId) {
        org.camunda.bpm.engine.batch.Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        while (true) {
            List<Job> jobs = new java.util.ArrayList<>(management.createJobQuery()
                    .jobDefinitionId(batch.getSeedJobDefinitionId()).withRetriesLeft().list());
            jobs.addAll(management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
                    .withRetriesLeft().list());
            if (jobs.isEmpty()) {
                break;
            }
            for (Job job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    management.setJobRetries(job.getId(), 0);
                }
            }
        }
        management.createJobQuery().jobDefinitionId(batch.getMonitorJobDefinitionId()).list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    /** Moves the clock to the job's due date and runs everything due then. */
    public void fire(Job job) {
        EngineTime.set(job.getDuedate().toInstant());
        executeDue();
    }

    public List<Job> timersOf(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).timers().orderByJobDuedate().asc()
                .list();
    }

    public Job timer(String processInstanceId, String activityId) {
        return management.createJobQuery().processInstanceId(processInstanceId).timers().activityId(activityId)
                .singleResult();
    }

    public static Instant due(Job job) {
        return job.getDuedate().toInstant();
    }
}
