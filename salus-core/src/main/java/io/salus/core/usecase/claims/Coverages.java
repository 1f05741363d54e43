package io.salus.core.usecase.claims;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimStore;
import io.salus.core.port.ClaimsLedger;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.deal.DealAccess;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An insurer's side of claims: it publishes a patient's coverage (the small plan of docs/care.md) and funds its payout
 * balance in the claims contract from its own account. An insurer is a consumer account; its right to see a claim's
 * evidence comes, as every consumer's, from an INSURER attestation and the patient's grant. Thread-safe.
 */
public final class Coverages {
    private static final int LIMIT = 100;
    private final AccountStore accounts;
    private final ClaimStore store;
    private final ClaimsLedger ledger;
    private final KeyManager keys;

    public Coverages(AccountStore accounts, ClaimStore store, ClaimsLedger ledger, KeyManager keys) {
        this.accounts = accounts;
        this.store = store;
        this.ledger = ledger;
        this.keys = keys;
    }

    public Result<CoveragePlan> publish(Account insurer, AccountId patient, LocalDate start, LocalDate end,
            Map<String, Long> limits) {
        if (insurer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.CLAIM_NOT_AN_INSURER, "a " + insurer.kind() + " publishes no coverage");
        }
        if (accounts.find(patient).filter(a -> a.kind() == AccountKind.PATIENT).isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no such patient");
        }
        return CoveragePlan.of(UUID.randomUUID(), insurer.id(), patient, start, end, limits).map(p -> {
            store.saveCoverage(p);
            return p;
        });
    }

    /** The plans the caller is the insurer or the patient of. */
    public List<CoveragePlan> mine(Account caller) {
        return store.coveragesOf(caller.id(), LIMIT);
    }

    public Result<TxRef> fund(Account insurer, long amount) {
        if (insurer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.CLAIM_NOT_AN_INSURER, "a " + insurer.kind() + " funds no claims");
        }
        if (amount <= 0 || amount > CoveragePlan.MAX_AMOUNT) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "amount: 1.." + CoveragePlan.MAX_AMOUNT);
        }
        return DealAccess.withSigningKey(accounts, keys, insurer, k -> ledger.fund(k, amount));
    }

    public long funds(Account insurer) {
        return ledger.fundsOf(insurer.address());
    }
}
