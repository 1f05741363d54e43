package io.salus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import io.salus.core.port.InstanceLocks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InstanceLocks} as PostgreSQL session-level advisory locks, so that every instance of a node on one database
 * agrees (decision 0031). Each hold borrows a connection of this class's own small pool (never the store's, which the
 * work itself needs), takes the lock there and releases it before giving the connection back; an instance that dies
 * closes its connections, and PostgreSQL releases its locks with them. A lock's key is the first 64 bits of
 * SHA-256("salus.instance-lock:" + name). Not reentrant. Thread-safe.
 */
public final class PostgresInstanceLocks implements InstanceLocks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresInstanceLocks.class);
    private final HikariDataSource pool;

    private PostgresInstanceLocks(HikariDataSource pool) {
        this.pool = pool;
    }

    /** A pool of at most {@code connections} for the locks held at once (worker passes and nonce assignments). */
    public static PostgresInstanceLocks connect(String jdbcUrl, String user, String password, int connections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("salus-instance-locks");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        try {
            return new PostgresInstanceLocks(new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "PostgreSQL at " + jdbcUrl
                    + " cannot be reached for the instance locks: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean ifFree(String name, Runnable work) {
        return hold(name, false, () -> {
            work.run();
            return Boolean.TRUE;
        }) != null;
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        return hold(name, true, work);
    }

    /** Runs {@code work} under the lock; null when {@code wait} is false and another holds it. */
    private <T> T hold(String name, boolean wait, Supplier<T> work) {
        long key = key(name);
        Connection c = borrow(name);
        boolean locked = false;
        try {
            locked = lock(c, key, wait);
            if (!locked) {
                return null;
            }
            return work.get();
        } catch (SQLException e) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "cannot take the instance lock " + name, e);
        } finally {
            giveBack(c, key, locked, name);
        }
    }

    private Connection borrow(String name) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "no connection for the instance lock " + name,
                    e);
        }
    }

    private static boolean lock(Connection c, long key, boolean wait) throws SQLException {
        String sql = wait ? "SELECT pg_advisory_lock(?)" : "SELECT pg_try_advisory_lock(?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && (wait || rs.getBoolean(1));
            }
        }
    }

    /** Unlocks and returns the connection; a connection that cannot unlock is thrown away (its session ends). */
    private void giveBack(Connection c, long key, boolean locked, String name) {
        try {
            if (locked) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.executeQuery().close();
                }
            }
            c.close();
        } catch (SQLException e) {
            LOG.warn("could not release the instance lock {}; dropping its connection: {}", name, e.toString());
            pool.evictConnection(c);
        }
    }

    static long key(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("salus.instance-lock:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
