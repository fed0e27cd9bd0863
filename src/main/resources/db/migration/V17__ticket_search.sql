-- The staff workspace's search (issue #13): p95 <= 100 ms at 100,000 tickets on H2 and PostgreSQL. Portable SQL.
-- Words of a ticket's summary, description, steps, outcome, impact statement and conversation, lower case, one row
-- per word and ticket; written with the text (TicketTerms), older tickets are indexed at start-up. Internal notes
-- are not indexed.
create table ticket_term (
    term      varchar(40) not null,
    ticket_id bigint      not null references ticket (id),
    primary key (term, ticket_id)
);
create index ticket_term_ticket on ticket_term (ticket_id);

-- filters, each with the id for "newest filed first" and for counting within the filter
create index ticket_status_id on ticket (status, id);
create index ticket_team_id on ticket (team, id);
create index ticket_assignee_id on ticket (assignee, id);
create index ticket_priority_id on ticket (priority, id);
create index ticket_organization_id on ticket (organization_id, id);
create index ticket_requester_id on ticket (requester_email, id);
create index ticket_created_at on ticket (created_at);
