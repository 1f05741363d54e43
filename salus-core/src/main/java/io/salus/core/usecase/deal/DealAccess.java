package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DealStore;
import io.salus.core.port.KeyManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** What the deal use cases share: finding a caller's deal, using a custodial key, fresh ids. Stateless. */
public final class DealAccess {
    private DealAccess() {
    }

    /** The deal, if the actor is its consumer (or the operator when {@code operatorMay}); else {@code NOT_FOUND}. */
    static Result<Deal> mine(DealStore store, Account actor, Hash32 dealId, boolean operatorMay) {
        Optional<Deal> d = store.find(dealId);
        if (d.isEmpty() || !(d.get().consumer().equals(actor.id())
                || operatorMay && actor.kind() == AccountKind.OPERATOR)) {
            return Result.fail(ErrorCode.NOT_FOUND, "no deal " + dealId + " for this account");
        }
        return Result.ok(d.get());
    }

    /** Runs {@code use} with the account's unsealed signing key, wiped afterwards. */
    public static <T> Result<T> withSigningKey(AccountStore accounts, KeyManager keys, Account a,
            Function<byte[], Result<T>> use) {
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(a.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
        }
        return keys.unsealSigningKey(a.address(), sealed.get().signingPrivateKey()).flatMap(k -> {
            try {
                return use.apply(k);
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        });
    }

    /** Runs {@code use} with the deal's opened secret, wiped afterwards. */
    static <T> Result<T> withSecret(KeyManager keys, Deal deal, Function<byte[], Result<T>> use) {
        return keys.openSecret(deal.sealedSecret(), Deal.secretPurpose(deal.id())).flatMap(s -> {
            try {
                return use.apply(s);
            } finally {
                Arrays.fill(s, (byte) 0);
            }
        });
    }

    static byte[] bytes(RandomGenerator random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /**
     * The deal's members who still consent to its terms at their own net share (consent read at the chain head; the
     * grants of each chunk of members in one query).
     */
    static List<DealMember> consenting(DealStore store, AccountStore accounts, PriceCheck prices, Deal d,
            Account consumer) {
        PriceCheck.Batch batch = prices.begin(consumer);
        List<DealMember> included = new ArrayList<>();
        List<DealMember> members = store.members(d.id());
        Map<AccountId, Account> found = accounts.findAll(members.stream().flatMap(m -> m.patient().stream()).toList());
        for (int from = 0; from < members.size(); from += DealMatching.CHUNK) {
            List<DealMember> chunk = members.subList(from, Math.min(members.size(), from + DealMatching.CHUNK));
            batch.load(chunk.stream().flatMap(m -> m.patient().stream()).map(found::get).filter(Objects::nonNull)
                    .map(Account::address).toList());
            for (DealMember m : chunk) {
                Optional<Account> patient = m.patient().map(found::get);
                long net = SplitCalculator.shares(d.terms().pricePerPatient(), d.terms().split(), m.payout())
                        .patient();
                if (patient.isPresent() && batch.accepts(patient.get(), d.categories(), d.terms().purpose(), net)) {
                    included.add(m);
                }
            }
        }
        return included;
    }

    static Result<Account> consumerOf(AccountStore accounts, Deal d) {
        return accounts.find(d.consumer()).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "the deal's consumer " + d.consumer()
                        + " is gone"));
    }
}
