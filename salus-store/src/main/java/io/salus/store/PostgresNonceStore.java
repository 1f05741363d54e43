package io.salus.store;

import io.salus.core.account.EvmAddress;
import io.salus.core.federation.NonceStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The nonces of signed node requests in PostgreSQL ({@code federation_nonce}, migration V80): the primary key makes a
 * nonce's first use atomic across threads and across instances of the node on one database; nonces whose request
 * has expired are deleted as new ones arrive (an expired request is refused before its nonce is looked at).
 * Thread-safe.
 */
public final class PostgresNonceStore implements NonceStore {
    private final Transactions tx;
    private final Clock clock;

    public PostgresNonceStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public boolean firstUse(EvmAddress node, String nonce, Instant expires) {
        return tx.inTransaction("record a node request's nonce", h -> {
            h.createUpdate("DELETE FROM federation_nonce WHERE expires_at < :now")
                    .bind("now", Sql.ts(clock.instant()))
                    .execute();
            return h.createUpdate("""
                    INSERT INTO federation_nonce (node, nonce, expires_at) VALUES (:node, :nonce, :expires)
                    ON CONFLICT (node, nonce) DO NOTHING""")
                    .bind("node", node.hex())
                    .bind("nonce", nonce)
                    .bind("expires", Sql.ts(expires))
                    .execute() == 1;
        });
    }
}
