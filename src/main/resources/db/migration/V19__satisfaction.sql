-- satisfaction on close (issue #14): the "solved" mail carries each recipient (requester, CCs) their own signed
-- good/bad links; one rating per ticket and person, changeable for 7 days after the first click, with a comment
create table ticket_rating (
    ticket_id      bigint       not null references ticket (id),
    email          varchar(254) not null,
    rating         varchar(8)   not null,
    rating_comment text,
    first_rated_at timestamp with time zone not null,
    rated_at       timestamp with time zone not null,
    primary key (ticket_id, email)
);
create index ticket_rating_rated_at on ticket_rating (rated_at);

-- secrets the application makes itself at the first start, the same for every node (the survey links' key)
create table app_secret (
    name   varchar(64)  primary key,
    secret varchar(128) not null
);
