package io.salus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.port.KeyManager;
import io.salus.store.migration.SealAtRest;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's PostgreSQL database: a small HikariCP pool on an external server or the embedded engine, migrated with
 * Flyway into the {@value #SCHEMA} schema before anything else uses it. Fails closed: a database that cannot be
 * reached or migrated is never handed out. Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** The schema holding every Salus table. */
    public static final String SCHEMA = "salus";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int DEFAULT_POOL_SIZE = 8;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connects to the embedded engine and migrates (a database holding rows in clear needs {@link #embedded(EmbeddedPostgresEngine, KeyManager)}). */
    public static Database embedded(EmbeddedPostgresEngine engine) {
        return connect(engine.jdbcUrl(), engine.user(), engine.password());
    }

    /** Connects to the embedded engine and migrates, sealing with {@code keys} what an older node kept in clear. */
    public static Database embedded(EmbeddedPostgresEngine engine, KeyManager keys) {
        return connect(engine.jdbcUrl(), engine.user(), engine.password(), DEFAULT_POOL_SIZE, Optional.of(keys));
    }

    /** Connects to a PostgreSQL server and migrates. */
    public static Database connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /** Connects to a PostgreSQL server and migrates, sealing with {@code keys} what an older node kept in clear. */
    public static Database connect(String jdbcUrl, String user, String password, KeyManager keys) {
        return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE, Optional.of(keys));
    }

    /**
     * Connects with a pool of at most {@code poolSize} connections and migrates.
     *
     * @throws UnavailableException ({@code STORE_UNAVAILABLE}) when the server cannot be reached
     * @throws SalusException when the schema cannot be migrated
     */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        return connect(jdbcUrl, user, password, poolSize, Optional.empty());
    }

    private static Database connect(String jdbcUrl, String user, String password, int poolSize,
            Optional<KeyManager> keys) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("salus-store");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setSchema(SCHEMA);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                    "PostgreSQL at " + jdbcUrl + " cannot be reached: " + e.getMessage(), e);
        }
        try {
            migrate(ds, keys);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    private static void migrate(DataSource ds, Optional<KeyManager> keys) {
        try {
            var result = Flyway.configure()
                    .dataSource(ds)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .javaMigrations(new SealAtRest(keys))
                    .load()
                    .migrate();
            LOG.info("Store schema '{}' at version {} ({} migrations applied)", SCHEMA, result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root == e ? "" : " (" + root.getMessage() + ")";
            throw new SalusException("Store schema migration failed, refusing to start: " + e.getMessage() + why, e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
