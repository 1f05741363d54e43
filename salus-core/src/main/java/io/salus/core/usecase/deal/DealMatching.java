package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.cohort.Criterion;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.DealCandidate;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.Payout;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.limit.RateLimiter;
import io.salus.core.limit.Throttle;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.port.RecordStore;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.privacy.Remaining;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Matching a deal's cohort without telling the consumer its exact size. The ε of the match is charged to the consumer
 * organisation's budget first; then the node takes the consenting patients who match the criteria and whose
 * <em>own net share</em> (after providers, caregiver, treasury and operator) meets their grant's minimum price, and
 * releases only a differentially private size (discrete Laplace, "fewer than 11" below the threshold; the empty cohort
 * answers like any small one). A suppressed size commits nothing and the deal may be matched again later (at a new
 * charge). Otherwise the first maxPatients of them form the cohort: each a leaf (pseudonym, per-deal claim address,
 * caregiver's claim address, authoring providers the marketplace's PROVIDER rule pays, and weights) in a Merkle
 * tree whose root, and nothing else, is
 * committed on chain; when none is left to commit, a random root that nobody can prove anything against. An
 * organisation matches at most as often as its rate limit allows. A member of a patient data DAO whose policy does not
 * admit the deal ({@link DaoAdmission}, read at match time) is left out; a member of DAOs that admit it has their
 * DAO's treasury in their leaf, which receives their treasury part. Thread-safe (steps of one deal are serialised).
 */
public final class DealMatching {
    /** Patients whose grants, caregivers and authors are read in one query each. */
    static final int CHUNK = 1_000;
    private final DealStore store;
    private final DealLedger ledger;
    private final CohortQuery cohorts;
    private final AccountStore accounts;
    private final RecordStore records;
    private final PriceCheck prices;
    private final Caregivers caregivers;
    private final ClaimKeys claims;
    private final KeyManager keys;
    private final PrivacyBudget budget;
    private final CountRelease release;
    private final RateLimiter limiter;
    private final DealSettings settings;
    private final DealLocks locks;
    private final RandomGenerator random;
    private final Predicate<Account> payableProvider;
    private final DaoAdmission daos;

    public DealMatching(DealStore store, DealLedger ledger, CohortQuery cohorts, AccountStore accounts,
            RecordStore records, PriceCheck prices, Caregivers caregivers, ClaimKeys claims, KeyManager keys,
            PrivacyBudget budget, CountRelease release, RateLimiter limiter, DealSettings settings, DealLocks locks,
            RandomGenerator random, Predicate<Account> payableProvider, DaoAdmission daos) {
        this.payableProvider = payableProvider;
        this.store = store;
        this.ledger = ledger;
        this.cohorts = cohorts;
        this.accounts = accounts;
        this.records = records;
        this.prices = prices;
        this.caregivers = caregivers;
        this.claims = claims;
        this.keys = keys;
        this.budget = budget;
        this.release = release;
        this.limiter = limiter;
        this.settings = settings;
        this.locks = locks;
        this.random = random;
        this.daos = daos;
    }

    /** The match: the deal after it, the released size, the ε charged and the organisation's budget left. */
    public record Matched(Deal deal, NoisyCount size, Epsilon epsilon, Remaining remaining) {
    }

    /** Matches with the node's ε per match, or {@code epsilon} when given. */
    public Result<Matched> match(Account actor, Hash32 dealId, Optional<String> epsilon) {
        return locks.with(dealId, () -> DealAccess.mine(store, actor, dealId, false).flatMap(d -> {
            if (d.phase() != DealPhase.POSTED && d.phase() != DealPhase.SUPPRESSED) {
                return Result.fail(ErrorCode.DEAL_ALREADY_COMMITTED, "deal " + dealId + " is " + d.phase());
            }
            Result<Epsilon> eps = epsilon.map(Epsilon::parse).orElseGet(() -> Result.ok(settings.matchEpsilon()));
            if (!eps.isOk()) {
                return Result.fail(eps.failure());
            }
            if (ledger.chainTime().isAfter(d.terms().deadline())) {
                return Result.fail(ErrorCode.DEAL_DEADLINE_PASSED, "deal " + dealId + " ended "
                        + d.terms().deadline());
            }
            Optional<Duration> wait = limiter.tryAcquire("match|" + d.organisation());
            if (wait.isPresent()) {
                return Result.fail(Failure.retryAfter(ErrorCode.DEAL_RATE_LIMITED, d.organisation()
                        + " may match again in " + Throttle.seconds(wait.get()) + " s", wait.get()));
            }
            return DealAccess.consumerOf(accounts, d).flatMap(consumer -> cohorts.parse(d.criteria())
                    .flatMap(criterion -> budget.charge(consumer.id(), eps.orElseThrow(), "deal-match|" + dealId.hex())
                            .flatMap(remaining -> DealAccess.withSecret(keys, d,
                                    secret -> matchCharged(d, consumer, criterion, secret, eps.orElseThrow(),
                                            remaining)))));
        }));
    }

    private Result<Matched> matchCharged(Deal d, Account consumer, Criterion criterion, byte[] secret, Epsilon eps,
            Remaining remaining) {
        Result<List<EvmAddress>> eligible = cohorts.eligible(consumer, criterion, d.categories(), d.terms().purpose());
        if (!eligible.isOk()) {
            return Result.fail(eligible.failure());
        }
        PriceCheck.Batch batch = prices.begin(consumer);
        Function<EvmAddress, DaoAdmission.Verdict> daoVerdict = daos.forDeal(new DealCandidate(d.id(),
                d.terms().pricePerPatient(),
                d.terms().split().daoTreasury(), DaoTerms.milli(eps), batch.consumerTypes(), d.terms().purpose()));
        Instant now = ledger.chainTime();
        List<DealMember> members = new ArrayList<>();
        Map<AccountId, Boolean> payable = new HashMap<>();
        Map<AccountId, Optional<Account>> authors = new HashMap<>();
        long accepted = 0;
        Map<EvmAddress, Account> byAddress = accounts.findAllByAddress(eligible.orElseThrow());
        List<Account> candidates = new ArrayList<>();
        Map<EvmAddress, Optional<EvmAddress>> treasuries = new HashMap<>();
        for (EvmAddress address : eligible.orElseThrow()) {
            Optional<Account> patient = Optional.ofNullable(byAddress.get(address))
                    .filter(a -> a.kind() == AccountKind.PATIENT);
            if (patient.isPresent()) {
                DaoAdmission.Verdict verdict = daoVerdict.apply(address);
                if (verdict.admitted()) {
                    candidates.add(patient.get());
                    treasuries.put(address, verdict.treasury());
                }
            }
        }
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Account> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            batch.load(chunk.stream().map(Account::address).toList());
            Map<EvmAddress, Optional<Account>> caregiverOf = caregivers.ofAll(chunk, now);
            Map<AccountId, Map<AccountId, Integer>> authorsOf = records.authorsOfAll(chunk.stream()
                    .map(Account::id).toList(), d.terms().categories());
            for (Account patient : chunk) {
                Optional<Account> caregiver = caregiverOf.get(patient.address());
                Payout payout = payout(d, secret, patient, caregiver, authorsOf.get(patient.id()), payable, authors)
                        .withDaoTreasury(treasuries.get(patient.address()));
                long net = SplitCalculator.shares(d.terms().pricePerPatient(), d.terms().split(), payout).patient();
                if (batch.accepts(patient, d.categories(), d.terms().purpose(), net)) {
                    accepted++;
                    if (members.size() < d.terms().maxPatients()) {
                        members.add(new DealMember(members.size(), Optional.of(patient.id()),
                                caregiver.map(Account::id), payout));
                    }
                }
            }
        }
        NoisyCount size = release.release(accepted, eps);
        if (size instanceof NoisyCount.FewerThan) {
            store.suppressed(d.id(), size.display(), eps);
            return Result.ok(new Matched(store.find(d.id()).orElseThrow(), size, eps, remaining));
        }
        Hash32 root = members.isEmpty()
                ? Hash32.of(DealAccess.bytes(random, 32))
                : MerkleTree.of(members.stream().map(m -> m.payout().leaf(d.id())).toList()).root();
        Result<TxRef> committed = ledger.commitCohort(d.id(), root);
        if (!committed.isOk()) {
            return Result.fail(committed.failure());
        }
        TxRef tx = committed.orElseThrow();
        store.matched(d.id(), size.display(), eps, root, members, new Deal.DealTx("commit", tx.txHash(),
                tx.blockNumber()));
        return Result.ok(new Matched(store.find(d.id()).orElseThrow(), size, eps, remaining));
    }

    private Payout payout(Deal d, byte[] secret, Account patient, Optional<Account> caregiver,
            Map<AccountId, Integer> authorCounts, Map<AccountId, Boolean> payable,
            Map<AccountId, Optional<Account>> authors) {
        return DealPayouts.of(accounts, claims, payableProvider, d.id(), secret, patient, caregiver, authorCounts,
                payable, authors);
    }
}
