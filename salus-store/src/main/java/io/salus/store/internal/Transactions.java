package io.salus.store.internal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs store work in transactions and turns database errors into Salus faults: a lost or unreachable server is an
 * {@link UnavailableException} ({@code STORE_UNAVAILABLE}), anything else a {@link SalusException}. Thread-safe.
 */
public final class Transactions {
    private final Jdbi jdbi;

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} in one READ COMMITTED transaction, committed when it returns. */
    public <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException e) {
            throw fault(what, e);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit, without a transaction around it: for work that is one
     * statement (atomic on its own), which saves the round trip of the commit.
     */
    public <T> T inStatement(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw fault(what, e);
        }
    }

    static RuntimeException fault(String what, JdbiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException s && s.getSQLState() != null
                            && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return new UnavailableException(ErrorCode.STORE_UNAVAILABLE,
                        "store unavailable while trying to " + what,
                        e);
            }
        }
        return new SalusException("store failed to " + what + ": " + e.getMessage(), e);
    }
}
