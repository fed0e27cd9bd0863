-- R20: how often an organisation's SEV-1 outage reports turned out not to be production outages
alter table organization add column sev1_downgrades integer default 0 not null;
