package org.supportdesk.staff;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Camunda groups the processes hand work to; their ids appear in the diagrams and the routing table. */
public enum StaffGroup {
    SUPPORT_AGENTS("support-agents", "Support agents", "WORKFLOW"),
    SUPPORT_MANAGERS("support-managers", "Support managers", "WORKFLOW"),
    ONCALL("oncall", "On-call engineers", "WORKFLOW"),
    ONCALL_BACKUP("oncall-backup", "Backup on-call engineers", "WORKFLOW"),
    /** change the policy: deploy diagrams, decisions and forms, read everything in Cockpit; no Tasklist, no Admin */
    PROCESS_ANALYSTS("process-analysts", "Process analysts", "WORKFLOW"),
    TEAM_REPOSITORY("team-repository", "Repository Manager team", "TEAM"),
    TEAM_LIFECYCLE("team-lifecycle", "Lifecycle team", "TEAM"),
    TEAM_GENERAL("team-general", "General queue", "TEAM"),
    TEAM_ACCOUNTS("team-accounts", "Accounts team", "TEAM"),
    TEAM_SEV1("team-sev1", "SEV-1 queue", "TEAM");

    private final String id;
    private final String displayName;
    private final String type;

    StaffGroup(String id, String displayName, String type) {
        this.id = id;
        this.displayName = displayName;
        this.type = type;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String type() {
        return type;
    }

    /**
     * Whether a login in these groups works tickets and so reads their variables: it is in a staff group other than
     * the process analysts', or a Camunda administrator (group {@code camunda-admin}). Analysts read none.
     */
    public static boolean worksTickets(Collection<String> groupIds) {
        return groupIds.contains("camunda-admin") || taskGroups().stream().anyMatch(group -> groupIds.contains(group.id));
    }

    /** The groups that work tasks, and so the only ones a diagram may hand a task to: all but the analysts'. */
    public static List<StaffGroup> taskGroups() {
        return Arrays.stream(values()).filter(group -> group != PROCESS_ANALYSTS).toList();
    }

    public static List<StaffGroup> teams() {
        return Arrays.stream(values()).filter(g -> g.type.equals("TEAM")).toList();
    }
}
