package io.salus.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** The SQL baselines' sessions: one connection in autocommit with the {@code bench} schema, closed quietly. */
public final class BaselineSql {
    private BaselineSql() {
    }

    /** A connection with the {@code bench} schema created and {@code statements} run; closed again if they fail. */
    public static Connection open(DataSource db, String... statements) throws SQLException {
        Connection c = db.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Closes a connection (null: nothing), logging instead of throwing. */
    public static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LoggerFactory.getLogger(BaselineSql.class).warn("closing: {}", e.toString());
        }
    }
}
