-- the business key a mail's delivery process is named by in Cockpit (the ticket number), carried by the mail itself
alter table outbound_mail add column business_key varchar(64);
