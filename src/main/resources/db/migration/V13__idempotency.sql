-- Idempotency-Key of the customer API: a retried call (the client's connection died) returns what the first one made
create table idempotency_key (
    caller     varchar(254) not null,
    idem_key   varchar(200) not null,
    operation  varchar(64)  not null,
    result_id  bigint,
    created_at timestamp with time zone not null,
    primary key (caller, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);
