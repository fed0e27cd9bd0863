-- Sender authentication (RFC 8601): mail whose sender the receiving server did not vouch for is kept as UNVERIFIED
-- until a staff member accepts it; who did and when is kept with the message.
alter table inbound_mail add column accepted_by varchar(254);
alter table inbound_mail add column accepted_at timestamp with time zone;

-- how often processing of a message was started: one that stops the node every time is failed, not re-run forever
alter table inbound_mail add column attempts integer default 0 not null;
