package io.salus.core.usecase;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Ledger;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers account registrations to the IdentityRegistry from the outbox, many per transaction: each pass takes the
 * due {@code register-account} messages in batches of up to {@code batchSize}, registers each batch with one write
 * ({@link Ledger#registerAccounts}) and then marks its accounts registered and completes their messages. Nothing is
 * acknowledged before it is mined, and a batch repeated after a crash changes nothing on chain (the registry skips an
 * address already registered with that kind, and the outcome is the transaction that registered it). An account the
 * registry refuses stays pending with backoff, without holding up the others. Not thread-safe: one instance per node
 * on one thread.
 */
public final class RegistrationWorker {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationWorker.class);
    private final AccountStore accounts;
    private final Outbox outbox;
    private final Ledger ledger;
    private final Clock clock;
    private final Settings settings;

    /** Most accounts per transaction; retry backoff bounds. */
    public record Settings(int batchSize, Duration minBackoff, Duration maxBackoff) {
        public Settings {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("a registration batch holds 1 to 10,000 accounts");
            }
        }
    }

    public RegistrationWorker(AccountStore accounts, Outbox outbox, Ledger ledger, Clock clock, Settings settings) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
        this.settings = settings;
    }

    /** Registers every due account, batch after batch. Returns the number of accounts registered. */
    public int runOnce() {
        int done = 0;
        while (true) {
            List<OutboxEntry> due = outbox.due(OutboxKinds.REGISTER_ACCOUNT, settings.batchSize(), clock.instant());
            if (due.isEmpty()) {
                return done;
            }
            int registered = deliver(due);
            if (registered < 0) {
                return done;
            }
            done += registered;
        }
    }

    /** One batch: the number registered, or -1 when the chain could not take it (all retried later). */
    private int deliver(List<OutboxEntry> due) {
        List<Ledger.Registration> batch = new ArrayList<>(due.size());
        for (OutboxEntry e : due) {
            Map<String, String> p = e.message().payload();
            batch.add(new Ledger.Registration(new EvmAddress(p.get("address")), AccountKind.valueOf(p.get("kind"))));
        }
        List<Result<TxRef>> outcomes;
        try {
            outcomes = ledger.registerAccounts(batch);
        } catch (SalusException ex) {
            LOG.warn("registering a batch of {} accounts failed: {}", due.size(), ex.getMessage());
            due.forEach(e -> retry(e, String.valueOf(ex.getMessage())));
            return -1;
        }
        Map<AccountId, String> registered = new HashMap<>();
        Map<Long, Map<String, String>> completed = new HashMap<>();
        for (int i = 0; i < due.size(); i++) {
            OutboxEntry e = due.get(i);
            switch (outcomes.get(i)) {
                case Result.Ok<TxRef> ok -> {
                    registered.put(AccountId.parse(e.message().payload().get("accountId")).orElseThrow(),
                            ok.value().txHash());
                    completed.put(e.id(), Map.of("txHash", ok.value().txHash()));
                }
                case Result.Err<TxRef> err -> {
                    LOG.warn("the registry refused account {}: {}", e.message().payload().get("accountId"),
                            err.failure().detail());
                    retry(e, err.failure().code().code() + ": " + err.failure().detail());
                }
            }
        }
        accounts.markAllRegistered(registered);
        outbox.completeAll(completed, clock.instant());
        return registered.size();
    }

    private void retry(OutboxEntry e, String error) {
        Instant next = clock.instant().plus(Backoff.delay(e.attempts(), settings.minBackoff(), settings.maxBackoff()));
        outbox.retryLater(e.id(), error, next);
    }
}
