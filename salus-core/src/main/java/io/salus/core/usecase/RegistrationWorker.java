package io.salus.core.usecase;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.SalusException;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Ledger;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers account registrations to the IdentityRegistry from the outbox. Idempotent (the ledger skips an address
 * already registered with that kind). Not thread-safe: one instance per node on one thread.
 */
public final class RegistrationWorker {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationWorker.class);
    private final AccountStore accounts;
    private final Outbox outbox;
    private final Ledger ledger;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;

    public RegistrationWorker(AccountStore accounts, Outbox outbox, Ledger ledger, Clock clock, Duration minBackoff,
            Duration maxBackoff) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    public int runOnce() {
        int done = 0;
        for (OutboxEntry e : outbox.due(OutboxKinds.REGISTER_ACCOUNT, 32, clock.instant())) {
            Map<String, String> p = e.message().payload();
            try {
                AccountKind kind = AccountKind.valueOf(p.get("kind"));
                TxRef tx = ledger.registerAccount(new EvmAddress(p.get("address")), kind);
                accounts.markRegistered(AccountId.parse(p.get("accountId")).orElseThrow(), tx.txHash());
                outbox.complete(e.id(), Map.of("txHash", tx.txHash()), clock.instant());
                done++;
            } catch (SalusException ex) {
                LOG.warn("registering account {} failed (attempt {}): {}", p.get("accountId"), e.attempts() + 1,
                        ex.getMessage());
                outbox.retryLater(e.id(), String.valueOf(ex.getMessage()),
                        clock.instant().plus(Backoff.delay(e.attempts(), minBackoff, maxBackoff)));
            }
        }
        return done;
    }
}
