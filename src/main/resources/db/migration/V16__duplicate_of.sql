-- close as duplicate names the ticket that continues; the kept ticket lists its duplicates by this column
alter table ticket add column duplicate_of bigint references ticket (id);
create index ticket_duplicate_of on ticket (duplicate_of);
