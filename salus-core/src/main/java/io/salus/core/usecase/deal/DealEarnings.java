package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.Claim;
import io.salus.core.deal.DealEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An account's deal earnings: the payments to its own address (a provider, the treasury, the operator) and to its
 * per-deal claim addresses (a patient, a caregiver), which only the node can tie to the account, and the tokens held
 * there. A patient or caregiver withdraws them to an address of their choice; the node signs each transfer with the
 * claim address's key. A withdrawal to the registered address links those claim addresses to the account on chain
 * from then on, which the account decides. Thread-safe.
 */
public final class DealEarnings {
    private final DealStore store;
    private final DealLedger ledger;
    private final ClaimKeys claims;
    private final DealEvents events;

    public DealEarnings(DealStore store, DealLedger ledger, ClaimKeys claims, DealEvents events) {
        this.store = store;
        this.ledger = ledger;
        this.claims = claims;
        this.events = events;
    }

    /** The balance of the account's own address, what its claim addresses hold, and every payment to either. */
    public record Earnings(EvmAddress address, long balance, long claimable, List<DealEvent.Paid> payments) {
        public Earnings {
            payments = List.copyOf(payments);
        }
    }

    public Earnings of(Account account) {
        return new Earnings(account.address(), ledger.balanceOf(account.address()), claimable(account),
                payments(account));
    }

    /** What the account's claim addresses hold. */
    public long claimable(Account account) {
        long claimable = 0;
        for (Claim c : store.claimsOf(account.id())) {
            claimable += ledger.balanceOf(c.address());
        }
        return claimable;
    }

    /** Every deal payment to the account's address or its claim addresses, in chain order (from the projection). */
    public List<DealEvent.Paid> payments(Account account) {
        Set<EvmAddress> mine = new HashSet<>();
        mine.add(account.address());
        store.claimsOf(account.id()).forEach(c -> mine.add(c.address()));
        return events.paymentsTo(mine);
    }

    /** Moves everything the account's claim addresses hold to {@code to}; the transfers. */
    public Result<List<TxRef>> withdraw(Account actor, EvmAddress to) {
        List<TxRef> txs = new ArrayList<>();
        for (Claim c : store.claimsOf(actor.id())) {
            long amount = ledger.balanceOf(c.address());
            if (amount == 0) {
                continue;
            }
            byte[] key = claims.claimKey(c.dealId(), c.label());
            try {
                Result<TxRef> sent = ledger.transfer(key, to, amount);
                if (!sent.isOk()) {
                    return Result.fail(sent.failure());
                }
                txs.add(sent.orElseThrow());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        if (txs.isEmpty()) {
            return Result.fail(ErrorCode.DEAL_NOTHING_TO_REFUND, "no claim address of this account holds tokens");
        }
        return Result.ok(txs);
    }
}
