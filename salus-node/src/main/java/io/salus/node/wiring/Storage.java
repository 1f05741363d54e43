package io.salus.node.wiring;

import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.core.port.InstanceLocks;
import io.salus.core.port.KeyManager;
import io.salus.store.Database;
import io.salus.store.EmbeddedPostgresEngine;
import io.salus.store.PostgresAccountStore;
import io.salus.store.PostgresAuditLog;
import io.salus.store.PostgresConsentStore;
import io.salus.store.PostgresFeatureStore;
import io.salus.store.PostgresInstanceLocks;
import io.salus.store.PostgresOutbox;
import io.salus.store.PostgresRecordStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store: the embedded PostgreSQL the node starts itself, or an external one; migrated (sealing with the node's keys
 * whatever an older node kept in clear); with its adapters, which seal or blind-index every clinical value.
 */
final class Storage implements AutoCloseable {
    /** Locks held at once: one per worker pass running (about 8) and per account assigning a nonce. */
    private static final int LOCK_CONNECTIONS = 16;
    private final Optional<EmbeddedPostgresEngine> engine;
    private final Database database;
    private final PostgresAccountStore accounts;
    private final PostgresRecordStore records;
    private final PostgresOutbox outbox;
    private final PostgresConsentStore consents;
    private final PostgresAuditLog audit;

    private final PostgresFeatureStore features;
    private final Optional<PostgresInstanceLocks> sharedLocks;
    private final InstanceLocks locks;

    private Storage(Optional<EmbeddedPostgresEngine> engine, Database database, Clock clock, KeyManager keys,
            Optional<PostgresInstanceLocks> sharedLocks) {
        this.engine = engine;
        this.sharedLocks = sharedLocks;
        this.locks = sharedLocks.<InstanceLocks>map(l -> l).orElseGet(InstanceLocks::local);
        this.database = database;
        this.accounts = new PostgresAccountStore(database.jdbi(), clock);
        this.records = new PostgresRecordStore(database.jdbi(), clock, keys);
        this.features = new PostgresFeatureStore(database.jdbi(), keys);
        this.outbox = new PostgresOutbox(database.jdbi());
        this.consents = new PostgresConsentStore(database.jdbi());
        this.audit = new PostgresAuditLog(database.jdbi(), clock);
    }

    static Storage start(NodeSettings s, Clock clock, PrintStream out, KeyManager keys) {
        if (s.externalDatabase()) {
            out.println("Store: external PostgreSQL " + s.get(Setting.DB_URL) + " (workers and nonces under its "
                    + "advisory locks: other instances of this node may share it)");
            PostgresInstanceLocks locks = PostgresInstanceLocks.connect(s.get(Setting.DB_URL), s.get(Setting.DB_USER),
                    s.get(Setting.DB_PASSWORD), LOCK_CONNECTIONS);
            try {
                return new Storage(Optional.empty(), Database.connect(s.get(Setting.DB_URL), s.get(Setting.DB_USER),
                        s.get(Setting.DB_PASSWORD), keys), clock, keys, Optional.of(locks));
            } catch (RuntimeException e) {
                locks.close();
                throw e;
            }
        }
        out.println("Store: starting embedded PostgreSQL (" + s.dataDir().resolve("postgres") + ")");
        EmbeddedPostgresEngine pg = EmbeddedPostgresEngine.start(s.dataDir().resolve("postgres"));
        try {
            return new Storage(Optional.of(pg), Database.embedded(pg, keys), clock, keys, Optional.empty());
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * The locks the node's instances share: PostgreSQL advisory locks on an external database (which several instances
     * may use, decision 0031), in-process locks on the embedded one (which only this process can open).
     */
    InstanceLocks locks() {
        return locks;
    }

    /** Whether other instances may share this database (an external one). */
    boolean shared() {
        return sharedLocks.isPresent();
    }

    PostgresAccountStore accounts() {
        return accounts;
    }

    PostgresRecordStore records() {
        return records;
    }

    PostgresFeatureStore features() {
        return features;
    }

    PostgresOutbox outbox() {
        return outbox;
    }

    org.jdbi.v3.core.Jdbi jdbi() {
        return database.jdbi();
    }

    PostgresConsentStore consents() {
        return consents;
    }

    PostgresAuditLog audit() {
        return audit;
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    /** A trivial query: is the database answering? */
    boolean healthy() {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sharedLocks.ifPresent(PostgresInstanceLocks::close);
        database.close();
        engine.ifPresent(EmbeddedPostgresEngine::close);
    }
}
