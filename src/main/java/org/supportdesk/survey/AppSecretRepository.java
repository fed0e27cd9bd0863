package org.supportdesk.survey;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keys the application made for itself ({@code app_secret}), the same for every node: the survey links' signing key. */
@Repository
class AppSecretRepository {

    private final JdbcClient jdbc;

    AppSecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String name) {
        return jdbc.sql("select secret from app_secret where name = ?").param(name).query(String.class).optional();
    }

    /** Fails with a {@link org.springframework.dao.DuplicateKeyException} when the key exists. */
    void insert(String name, String secret) {
        jdbc.sql("insert into app_secret (name, secret) values (?, ?)").params(name, secret).update();
    }
}
