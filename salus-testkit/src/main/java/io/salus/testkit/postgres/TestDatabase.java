package io.salus.testkit.postgres;

import io.salus.store.Database;

/**
 * A test class's own database on the shared server: the migrated {@link Database} (its pool) and how to reach it
 * directly. Closed and dropped after the class. Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {
    private final SharedPostgres server;
    private final String name;
    private final Database database;

    TestDatabase(SharedPostgres server, String name, Database database) {
        this.server = server;
        this.name = name;
        this.database = database;
    }

    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    @Override
    public void close() {
        database.close();
        server.drop(name);
    }
}
