-- outbound mail is sent in batches straight from this table; a mail that fails goes to the mail-delivery process
alter table outbound_mail add column claimed_at timestamp with time zone;
alter table outbound_mail add column last_error varchar(1000);
create index outbound_mail_status on outbound_mail (status, id);
