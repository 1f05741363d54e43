package io.salus.core.usecase.claims;

import io.salus.core.account.Account;
import io.salus.core.anchor.TxRef;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.StoredClaim;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimStore;
import io.salus.core.port.ClaimsLedger;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers {@link ClaimSubmissions#SETTLE_CLAIM}: records the claim's salted digest, insurer, payee and approved amount
 * on ClaimsPayout, then pays an approved claim. Idempotent by the claim id, through the chain's own state: a claim the
 * chain has recorded is not recorded again, one it has paid is not paid again; so a node killed between the two
 * transactions finishes the claim without paying twice. An insurer's balance that does not cover the claim is retried
 * with a growing delay (up to 5 minutes) until it is funded. Run by the outbox workers.
 */
public final class ClaimSettlementWorker {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private final Outbox outbox;
    private final ClaimStore store;
    private final AccountStore accounts;
    private final ClaimsLedger ledger;
    private final Clock clock;

    public ClaimSettlementWorker(Outbox outbox, ClaimStore store, AccountStore accounts, ClaimsLedger ledger,
            Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.accounts = accounts;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void runOnce() {
        for (OutboxEntry e : outbox.due(ClaimSubmissions.SETTLE_CLAIM, 16, clock.instant())) {
            try {
                deliver(e);
            } catch (RuntimeException ex) {
                retry(e, ex.toString());
            }
        }
    }

    private void deliver(OutboxEntry e) {
        Optional<StoredClaim> found = store.claim(UUID.fromString(e.message().payload().get("claimId")));
        if (found.isEmpty()) {
            outbox.complete(e.id(), Map.of("skipped", "no such claim"), clock.instant());
            return;
        }
        StoredClaim c = found.get();
        Hash32 key = StoredClaim.chainKey(c.id());
        Map<String, String> result = new HashMap<>();
        ClaimsLedger.OnChain on = ledger.claimOf(key);
        if (!on.recorded()) {
            Account insurer = accounts.find(c.insurer()).orElseThrow();
            Account provider = accounts.find(c.provider()).orElseThrow();
            Result<TxRef> recorded = ledger.record(key, c.digest(), insurer.address(), provider.address(),
                    c.outcome() == Adjudication.Outcome.APPROVED ? c.approvedTotal() : 0);
            if (!recorded.isOk()) {
                retry(e, recorded.failure().code().code() + ": " + recorded.failure().detail());
                return;
            }
            store.markAnchored(c.id(), recorded.orElseThrow().txHash());
            result.put("recordTx", recorded.orElseThrow().txHash());
            on = ledger.claimOf(key);
        } else if (c.anchorTx().isEmpty()) {
            store.markAnchored(c.id(), "(recorded before)");
        }
        if (on.approved() > 0 && !on.paid()) {
            Result<TxRef> paid = ledger.pay(key);
            if (!paid.isOk() && paid.failure().code() != ErrorCode.CLAIM_ALREADY_PAID) {
                retry(e, paid.failure().code().code() + ": " + paid.failure().detail());
                return;
            }
            String tx = paid.isOk() ? paid.orElseThrow().txHash() : "(paid before)";
            store.markPaid(c.id(), tx);
            result.put("payTx", tx);
        } else if (on.paid() && c.payoutTx().isEmpty()) {
            store.markPaid(c.id(), "(paid before)");
        }
        outbox.complete(e.id(), result, clock.instant());
    }

    private void retry(OutboxEntry e, String error) {
        Duration delay = Duration.ofSeconds(1L << Math.min(e.attempts(), 8));
        outbox.retryLater(e.id(), error, clock.instant().plus(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay));
    }
}
