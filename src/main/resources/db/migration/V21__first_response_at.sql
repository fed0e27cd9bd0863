-- the manager dashboard's first-response figures (issue #14): when support first answered or decided (R11), kept on
-- the ticket row as well as on its process. Tickets from before this version take their first agent message.
alter table ticket add column first_responded_at timestamp with time zone;
update ticket set first_responded_at = (select min(m.created_at) from ticket_message m
                                        where m.ticket_id = ticket.id and m.author_type = 'AGENT');
