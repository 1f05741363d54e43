package io.salus.testkit.postgres;

import io.salus.store.Database;
import io.salus.store.EmbeddedPostgresEngine;
import io.salus.testkit.TempDirs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test JVM's PostgreSQL: the embedded engine on a temporary directory, a template database migrated once, and
 * fresh databases copied from it. Thread-safe.
 */
final class SharedPostgres implements AutoCloseable {
    private static final String TEMPLATE = "salus_template";
    private final Path dir;
    private final EmbeddedPostgresEngine engine;
    private final AtomicInteger counter = new AtomicInteger();

    private SharedPostgres(Path dir, EmbeddedPostgresEngine engine) {
        this.dir = dir;
        this.engine = engine;
    }

    static SharedPostgres start() {
        Path dir = TempDirs.create("salus-testkit-postgres-");
        EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir);
        SharedPostgres server = new SharedPostgres(dir, engine);
        try {
            server.admin("CREATE DATABASE " + TEMPLATE);
            Database.connect(server.jdbcUrl(TEMPLATE), engine.user(), engine.password(), 2).close();
            server.admin("ALTER DATABASE " + TEMPLATE + " WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A fresh database with the migrated schema, named after {@code hint}. */
    TestDatabase create(String hint) {
        String name = "t" + counter.incrementAndGet() + "_"
                + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        name = name.substring(0, Math.min(name.length(), 60));
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new TestDatabase(this, name, Database.connect(jdbcUrl(name), user(), password()));
    }

    void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + engine.port() + "/" + database;
    }

    String user() {
        return engine.user();
    }

    String password() {
        return engine.password();
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(engine.jdbcUrl(), user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
