-- R21: Extended Support is an add-on of a licence with a term of its own. A licence that had the add-on keeps it,
-- expiring with the licence; renewing the licence no longer renews the add-on.
alter table licence add column extended_support_expires_on date;
update licence set extended_support_expires_on = expires_on where extended_support;
alter table licence drop column extended_support;
