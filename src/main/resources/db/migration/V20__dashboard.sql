-- the manager dashboard (issue #14, p95 <= 200 ms at 100,000 tickets): each of its queries reads one index range
-- open tickets by status, team, priority and whether anybody has them: counted from this index alone
create index ticket_status_team_priority on ticket (status, team, priority, assignee, id);
-- tickets filed, solved and breached in a period, of all teams or one
create index ticket_team_created_at on ticket (team, created_at);
create index ticket_reason_closed_at on ticket (close_reason, closed_at);
create index ticket_team_reason_closed_at on ticket (team, close_reason, closed_at);
create index ticket_breached_created_at on ticket (first_response_breached, created_at);
