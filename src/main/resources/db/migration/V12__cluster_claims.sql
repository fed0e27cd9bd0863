-- Nodes of one desk (ClusterNode): a heartbeat each; mail claimed by a node that stopped beating goes to another.
create table cluster_node (
    node_id      varchar(64)  primary key,
    host         varchar(255),
    started_at   timestamp with time zone,
    heartbeat_at timestamp with time zone not null
);

-- outbound mail: which node is sending it, and when to try again while the SMTP server is unreachable
alter table outbound_mail add column claimed_by varchar(64);
alter table outbound_mail add column next_attempt_at timestamp with time zone;

-- inbound mail: which node is processing it, and when to try again after a transient error
alter table inbound_mail add column claimed_by varchar(64);
alter table inbound_mail add column next_attempt_at timestamp with time zone;
alter table inbound_mail add column retries integer default 0 not null;
alter table inbound_mail add column last_error varchar(1000);
-- one message that reached several of our mailboxes (support@ with extended-support@ in Cc) is found by its id
create index inbound_mail_message_id on inbound_mail (message_id);
