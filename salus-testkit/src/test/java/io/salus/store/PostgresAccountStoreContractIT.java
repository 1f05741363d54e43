package io.salus.store;

import io.salus.testkit.contract.AccountStoreContract;
import io.salus.testkit.contract.AccountsWithOutbox;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;

/** {@link PostgresAccountStore} (with the outbox of its database) against the port's contract. */
@WithPostgres
class PostgresAccountStoreContractIT extends AccountStoreContract {
    private final Database db;

    PostgresAccountStoreContractIT(Database db) {
        this.db = db;
    }

    @Override
    protected AccountsWithOutbox stores(Clock clock) {
        return new AccountsWithOutbox(new PostgresAccountStore(db.jdbi(), clock), new PostgresOutbox(db.jdbi()));
    }
}
