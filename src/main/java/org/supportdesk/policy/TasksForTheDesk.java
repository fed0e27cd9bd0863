package org.supportdesk.policy;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * A task's candidates and assignee get the right to read and work it (Camunda grants it when they are named). A
 * diagram decides who they are, and its variables can say anything: here that right goes only to the desk's groups
 * that work tasks ({@link Vocabulary#TASK_GROUPS}) and to their members. A task handed to any other group or person
 * (analysts, say, to read a ticket or answer a customer) is theirs in name only: they can neither read nor work it.
 */
class TasksForTheDesk extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        return Vocabulary.TASK_GROUPS.contains(groupId) ? super.newTaskGroupIdentityLink(task, groupId, type) : null;
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        return worksTasks(userId) ? super.newTaskUserIdentityLink(task, userId, type) : null;
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        return newAssignee == null || worksTasks(newAssignee)
                ? super.newTaskAssignee(task, oldAssignee, newAssignee) : null;
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
        return newOwner == null || worksTasks(newOwner) ? super.newTaskOwner(task, oldOwner, newOwner) : null;
    }

    private static boolean worksTasks(String userId) {
        CommandContext context = Context.getCommandContext();
        return context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().createGroupQuery()
                .groupMember(userId).list().stream().map(Group::getId).anyMatch(Vocabulary.TASK_GROUPS::contains));
    }
}
