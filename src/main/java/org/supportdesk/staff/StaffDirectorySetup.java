package org.supportdesk.staff;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.supportdesk.engine.StartupTask;
import org.supportdesk.processes.Decisions;
import org.supportdesk.processes.TicketProcesses;

/**
 * The staff groups, what each may do in Camunda's apps (authorization checks are on) and the Tasklist filters
 * they work from. Idempotent: runs at every start, on every node, and only adds what is missing; nodes starting
 * together take turns (a {@link StartupTask}, done before the web server takes its first request).
 */
@Component
@Order(20)
class StaffDirectorySetup implements StartupTask {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    private final TaskCardVariables cards;

    StaffDirectorySetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                        TaskService tasks, TaskCardVariables cards) {
        this.cards = cards;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void setUp() {
        for (StaffGroup staffGroup : StaffGroup.values()) {
            ensureGroup(staffGroup);
        }
        for (StaffGroup worker : new StaffGroup[]{StaffGroup.SUPPORT_AGENTS, StaffGroup.ONCALL,
                StaffGroup.ONCALL_BACKUP, StaffGroup.SUPPORT_MANAGERS}) {
            String group = worker.id();
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, ANY, Permissions.READ);
            grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
            // a task completion computes the ticket's first-response due date from this decision table (R11)
            grantAdding(group, Resources.DECISION_DEFINITION, Decisions.RESPONSE_TARGETS, Permissions.READ,
                    Permissions.CREATE_INSTANCE);
            // Tasklist's task cards show ticket variables, read as variables of the ticket processes: reading a value
            // needs a permission of its own (enforceSpecificVariablePermission). A task's form reads the task's
            // variables, which its team, assignee and owner read (READ_VARIABLE on the task, below)
            for (String process : TicketProcesses.KEYS) {
                grantAdding(group, Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ,
                        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
            }
        }
        String managers = StaffGroup.SUPPORT_MANAGERS.id();
        grant(managers, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        // managers read every instance, running and finished, with its variables in Cockpit (its Variables tab).
        // Adding: the loop above already made the managers' grant on every definition (READ), which grant(...) then
        // left alone, so that managers had read neither history nor instances outside the ticket processes
        grantAdding(managers, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.RETRY_JOB,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        grant(managers, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.RETRY_JOB);
        // managers reassign any team task in Tasklist (set or clear its assignee), but neither claim nor complete it:
        // TASK_ASSIGN is what TaskService.setAssignee checks, TASK_WORK (not granted) what claim and complete check
        grantAdding(managers, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.TASK_ASSIGN);
        grantAdding(managers, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(managers, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(managers, Resources.DEPLOYMENT, ANY, Permissions.READ);

        // analysts deploy what they changed in Modeler (its Deploy button: POST /engine-rest/deployment/create) and
        // watch the versions and the running tickets in Cockpit; they neither work tasks nor manage users. They see
        // the policy at work, not what customers wrote: instances, their counts, where tokens wait, incidents, but no
        // variable value (none of the *_VARIABLE permissions), no task (its name carries the ticket's summary) and no
        // decision instance (READ_HISTORY on a decision is its inputs and outputs); queries by a variable's value are
        // refused in front of the APIs (security/QueriesByVariableValue)
        String analysts = StaffGroup.PROCESS_ANALYSTS.id();
        grant(analysts, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(analysts, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
        grant(analysts, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        revoke(analysts, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_TASK);
        grant(analysts, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(analysts, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        revoke(analysts, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
        grant(analysts, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(analysts, Resources.BATCH, ANY, Permissions.READ);

        letTaskReadersReadItsVariables();

        // the first-response target is the due date of a ticket's task until someone answered (R11): earliest first
        ensureFilter("My team's tasks", -10, "Unassigned and assigned tasks of my teams' queues, earliest target first",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByDueDate().asc().orderByTaskCreateTime().asc());
        ensureFilter("My tasks", 0, "Tasks assigned to me, earliest target first",
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                        .orderByDueDate().asc().orderByTaskCreateTime().asc());
        ensureFilter("All tasks", 10, "Every task I may see, earliest target first",
                tasks.createTaskQuery().orderByDueDate().asc().orderByTaskCreateTime().asc());
    }

    private void ensureGroup(StaffGroup staffGroup) {
        if (identity.createGroupQuery().groupId(staffGroup.id()).count() == 0) {
            Group group = identity.newGroup(staffGroup.id());
            group.setName(staffGroup.displayName());
            group.setType(staffGroup.type());
            identity.saveGroup(group);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean present = authorizations.createAuthorizationQuery()
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
        if (!present) {
            grantAdding(groupId, resource, resourceId, permissions);
        }
    }

    /** Grants, or adds to the grant an earlier version of the application made the permissions added since. */
    private void grantAdding(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization present = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list().stream().findFirst()
                .orElse(null);
        if (present != null) {
            boolean missing = false;
            for (Permission permission : permissions) {
                if (!present.isPermissionGranted(permission)) {
                    present.addPermission(permission);
                    missing = true;
                }
            }
            if (missing) {
                authorizations.saveAuthorization(present);
            }
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    /**
     * The engine grants a task's candidate groups, assignee and owner READ_VARIABLE on the task along with READ, but
     * only since variable permissions are enforced: the tasks created before get it here (at every start, so that a
     * task an older node made during an upgrade gets it at the next).
     */
    private void letTaskReadersReadItsVariables() {
        int page = 500;
        for (int first = 0; ; first += page) {
            List<Authorization> readers = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                    .resourceType(Resources.TASK).hasPermission(TaskPermissions.READ).orderByResourceId().asc()
                    .listPage(first, page);
            for (Authorization reader : readers) {
                if (!ANY.equals(reader.getResourceId()) && !reader.isPermissionGranted(TaskPermissions.READ_VARIABLE)) {
                    reader.addPermission(TaskPermissions.READ_VARIABLE);
                    authorizations.saveAuthorization(reader);
                }
            }
            if (readers.size() < page) {
                return;
            }
        }
    }

    /** Takes permissions back from the group's grant, as an earlier version of the application made it. */
    private void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
        for (Authorization present : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list()) {
            boolean granted = false;
            for (Permission permission : permissions) {
                if (present.isPermissionGranted(permission)) {
                    present.removePermission(permission);
                    granted = true;
                }
            }
            if (granted) {
                authorizations.saveAuthorization(present);
            }
        }
    }

    /** Creates the filter, or brings an existing one up to date (its order and the ticket fields on the cards). */
    private void ensureFilter(String name, int priority, String description, TaskQuery query) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filter.setQuery(query);
        filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true,
                "variables", cards.labelsByName().entrySet().stream()
                        .map(v -> Map.of("name", v.getKey(), "label", v.getValue())).toList()));
        filters.saveFilter(filter);
    }
}
