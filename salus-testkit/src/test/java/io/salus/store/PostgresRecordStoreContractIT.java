package io.salus.store;

import io.salus.testkit.contract.RecordStoreContract;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;

/** {@link PostgresRecordStore} (with the account store and outbox of its database) against the port's contract. */
@WithPostgres
class PostgresRecordStoreContractIT extends RecordStoreContract {
    private final Database db;

    PostgresRecordStoreContractIT(Database db) {
        this.db = db;
    }

    @Override
    protected Stores stores(Clock clock) {
        return new Stores(new PostgresAccountStore(db.jdbi(), clock), new PostgresRecordStore(db.jdbi(), clock),
                new PostgresOutbox(db.jdbi()));
    }
}
