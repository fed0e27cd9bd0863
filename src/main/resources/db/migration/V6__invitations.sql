-- R2: an invited member sets their own password through a link that works once, for a limited time
create table invitation (
    token_hash varchar(64)  primary key,
    email      varchar(254) not null references org_member (email),
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index invitation_email on invitation (email);
