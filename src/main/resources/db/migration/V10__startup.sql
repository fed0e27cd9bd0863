-- Nodes starting together take turns at their start-up set-up (StartupLock): this row is what they lock.
create table startup_lock (
    id integer primary key
);
insert into startup_lock (id) values (1);

-- The attachments directory every node must share: its marker file holds this token (AttachmentDirectoryCheck)
create table attachment_directory (
    id         integer     primary key,
    token      varchar(64) not null,
    created_at timestamp with time zone not null
);
