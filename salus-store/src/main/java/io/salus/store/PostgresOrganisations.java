package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.port.Organisations;
import io.salus.store.internal.Transactions;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Organisations} on the privacy budget's account assignment ({@code privacy_account}). Thread-safe. */
public final class PostgresOrganisations implements Organisations {
    private final Transactions tx;

    public PostgresOrganisations(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public Optional<String> organisationOf(AccountId account) {
        return tx.inTransaction("find an account's organisation",
                h -> h.createQuery("SELECT organisation FROM privacy_account WHERE account = :a")
                        .bind("a", account.value())
                        .mapTo(String.class)
                        .findOne());
    }
}
