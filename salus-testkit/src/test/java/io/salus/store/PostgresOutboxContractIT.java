package io.salus.store;

import io.salus.testkit.contract.AccountsWithOutbox;
import io.salus.testkit.contract.OutboxContract;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;

/** {@link PostgresOutbox} (fed by the account store of its database) against the port's contract. */
@WithPostgres
class PostgresOutboxContractIT extends OutboxContract {
    private final Database db;

    PostgresOutboxContractIT(Database db) {
        this.db = db;
    }

    @Override
    protected AccountsWithOutbox stores(Clock clock) {
        return new AccountsWithOutbox(new PostgresAccountStore(db.jdbi(), clock), new PostgresOutbox(db.jdbi()));
    }
}
