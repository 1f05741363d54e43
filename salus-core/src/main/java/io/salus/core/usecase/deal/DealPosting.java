package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.CriteriaCommitment;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.limit.RateLimiter;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.record.Category;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A consumer posts and funds a deal: criteria (committed on chain with a fresh salt, never in clear), categories,
 * purpose, price per patient, most patients, deadline and a split that must meet the on-chain split policy (the
 * policy's default when none is named). The consumer's organisation must be known (its budget pays for matching), the escrow
 * must reach the minimum, and an organisation posts at most as often as its rate limit allows. The node signs approve
 * and post with the consumer's custodial key; the deal's secret is sealed under the KEK. Thread-safe.
 */
public final class DealPosting {
    private final CohortQuery cohorts;
    private final DealLedger ledger;
    private final DealStore store;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final PrivacyBudget budget;
    private final RateLimiter limiter;
    private final DealSettings settings;
    private final RandomGenerator random;
    private final Clock clock;

    public DealPosting(CohortQuery cohorts, DealLedger ledger, DealStore store, AccountStore accounts,
            KeyManager keys, PrivacyBudget budget, RateLimiter limiter, DealSettings settings, RandomGenerator random,
            Clock clock) {
        this.cohorts = cohorts;
        this.ledger = ledger;
        this.store = store;
        this.accounts = accounts;
        this.keys = keys;
        this.budget = budget;
        this.limiter = limiter;
        this.settings = settings;
        this.random = random;
        this.clock = clock;
    }

    /** A consumer's offer; an empty split takes the policy's default. */
    public record Offer(byte[] criteria, List<Category> categories, Purpose purpose, long pricePerPatient,
            int maxPatients, Instant deadline, Optional<Split> split) {
        public Offer {
            criteria = criteria.clone();
            categories = List.copyOf(categories);
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(split, "split");
        }

        @Override
        public byte[] criteria() {
            return criteria.clone();
        }
    }

    public Result<Deal> post(Account consumer, Offer offer) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts post deals");
        }
        if (offer.categories().isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "name at least one category", "categories"));
        }
        Optional<String> organisation = budget.organisationOf(consumer.id());
        if (organisation.isEmpty()) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "the account belongs to no organisation yet: the operator "
                    + "assigns one (PUT /accounts/{id}/organisation), whose privacy budget pays for matching");
        }
        Optional<Duration> wait = limiter.tryAcquire("post|" + organisation.get());
        if (wait.isPresent()) {
            return Result.fail(ErrorCode.DEAL_RATE_LIMITED, organisation.get() + " may post again in "
                    + wait.get().toSeconds() + " s");
        }
        Result<?> criterion = cohorts.parse(offer.criteria());
        if (!criterion.isOk()) {
            return Result.fail(criterion.failure());
        }
        Split split = offer.split().orElseGet(() -> ledger.policy().defaultSplit());
        Hash32 salt = Hash32.of(DealAccess.bytes(random, 32));
        long mask = 0;
        for (Category c : offer.categories()) {
            mask |= c.mask();
        }
        DealTerms proposed = new DealTerms(CriteriaCommitment.of(salt, offer.criteria()), mask, offer.purpose(),
                offer.pricePerPatient(), offer.maxPatients(), Instant.ofEpochSecond(offer.deadline().getEpochSecond()),
                split);
        Result<DealTerms> terms = proposed.validate(clock.instant()).flatMap(this::enoughEscrow)
                .flatMap(t -> ledger.policy().check(t.split()).map(s -> t));
        if (!terms.isOk()) {
            return Result.fail(terms.failure());
        }
        Hash32 dealId = Hash32.of(DealAccess.bytes(random, 32));
        byte[] secret = DealAccess.bytes(random, 32);
        byte[] sealed = keys.sealSecret(secret, Deal.secretPurpose(dealId));
        java.util.Arrays.fill(secret, (byte) 0);
        Result<TxRef> posted = DealAccess.withSigningKey(accounts, keys, consumer,
                key -> ledger.post(dealId, terms.orElseThrow(), key));
        if (!posted.isOk()) {
            return Result.fail(posted.failure());
        }
        TxRef tx = posted.orElseThrow();
        Deal deal = new Deal(dealId, consumer.id(), organisation.get(), offer.criteria(), salt, terms.orElseThrow(),
                sealed, DealPhase.POSTED, Optional.empty(), Optional.empty(), 0,
                List.of(new Deal.DealTx("post", tx.txHash(), tx.blockNumber())), clock.instant());
        store.create(deal);
        return Result.ok(deal);
    }

    private Result<DealTerms> enoughEscrow(DealTerms t) {
        if (t.escrow() < settings.minEscrow()) {
            return Result.fail(ErrorCode.DEAL_ESCROW_TOO_SMALL, "the escrow of " + t.escrow() + " units is below "
                    + "the minimum of " + settings.minEscrow());
        }
        return Result.ok(t);
    }
}
