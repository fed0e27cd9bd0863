-- Failed password checks, counted where every node sees them and a restart keeps them (docs/security.md).
-- throttle_key: 'pair:<realm>:<account>|<address>', 'address:<address>' or 'account:<realm>:<account>'
create table login_failure (
    throttle_key    varchar(400) primary key,
    failures        integer      not null,
    last_failure_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);
create index login_failure_last on login_failure (last_failure_at);

-- addresses an account signed in from: they keep working while the account is attacked from elsewhere
create table login_known_address (
    account         varchar(220) not null,
    address         varchar(64)  not null,
    last_success_at timestamp with time zone not null,
    primary key (account, address)
);
create index login_known_address_last on login_known_address (last_success_at);

-- a changed or reset password (or a removed member) ends every session that was signed in with the old one
alter table org_member add column credentials_version bigint default 0 not null;

-- one-time links mailed to members: an invitation (choose a first password) or a password reset.
-- Only a hash of the link's token is kept; a new link of the same purpose voids the older ones.
create table account_token (
    token_hash varchar(64)  primary key,
    email      varchar(254) not null references org_member (email) on delete cascade,
    purpose    varchar(16)  not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index account_token_email on account_token (email, purpose);

insert into account_token (token_hash, email, purpose, created_at, expires_at, used_at)
select token_hash, email, 'INVITATION', expires_at, expires_at, used_at from invitation;
drop table invitation;
