-- running tickets follow a changed diagram (issue #15): each migration of one version's instances to a newer one,
-- started once in the cluster (the key), and the instances that could not follow, with the reason
create table process_migration (
    source_definition_id varchar(64) not null,
    target_definition_id varchar(64) not null,
    batch_id             varchar(64),
    instances            integer     not null,
    started_at           timestamp with time zone not null,
    primary key (source_definition_id, target_definition_id)
);

create table process_migration_skip (
    instance_id          varchar(64)  not null,
    target_definition_id varchar(64)  not null,
    source_definition_id varchar(64)  not null,
    process_key          varchar(255) not null,
    business_key         varchar(255),
    reason               text         not null,
    skipped_at           timestamp with time zone not null,
    primary key (instance_id, target_definition_id)
);
