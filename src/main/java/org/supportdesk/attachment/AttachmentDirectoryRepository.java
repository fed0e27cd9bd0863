package org.supportdesk.attachment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The token that names this installation's attachments directory (table {@code attachment_directory}, one row). */
@Repository
class AttachmentDirectoryRepository {

    private final JdbcClient jdbc;

    AttachmentDirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The token the first node wrote, empty before any node started. */
    Optional<String> token() {
        return jdbc.sql("select token from attachment_directory where id = 1").query(String.class).optional();
    }

    void mark(String token, Instant at) {
        jdbc.sql("insert into attachment_directory (id, token, created_at) values (1, ?, ?)")
                .params(token, at.atOffset(ZoneOffset.UTC)).update();
    }
}
