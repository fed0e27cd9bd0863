package org.supportdesk.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test class. Skipped when no server answers on 127.0.0.1:5432, unless
 * {@code -Dsupport.it.postgres=required} (CI) makes that a failure.
 */
final class PostgresDatabase {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private PostgresDatabase() {
    }

    static String recreate(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "test", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException unreachable) {
            if ("required".equals(System.getProperty("support.it.postgres"))) {
                throw unreachable;
            }
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432: " + unreachable.getMessage());
        }
        return SERVER + name;
    }
}
