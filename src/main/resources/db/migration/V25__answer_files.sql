-- Agents attach files to an answer on the staff page (issue #22 item 4). Who uploaded each file: the customer who
-- filed or wrote it, or the staff member who answered with it. Files from before this version are the author's of the
-- message they came with, else the requester's.
alter table attachment add column uploaded_by varchar(255);
update attachment set uploaded_by = (select m.author from ticket_message m where m.id = attachment.message_id)
    where message_id is not null;
update attachment set uploaded_by = (select t.requester_email from ticket t where t.id = attachment.ticket_id)
    where uploaded_by is null;

-- the files a mail carries as MIME attachments (an agent's answer with its files), in order; the content is read from
-- the attachment store by SHA-256 when the mail is sent
create table outbound_mail_file (
    mail_id      bigint       not null references outbound_mail (id),
    file_index   int          not null,
    file_name    varchar(255) not null,
    content_type varchar(255) not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    primary key (mail_id, file_index)
);
