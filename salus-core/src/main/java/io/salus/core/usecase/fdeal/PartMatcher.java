package io.salus.core.usecase.fdeal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Criterion;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.SplitCalculator;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.port.RecordStore;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.Caregivers;
import io.salus.core.usecase.deal.DealPayouts;
import io.salus.core.usecase.deal.Discovery;
import io.salus.core.usecase.deal.PriceCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A member's match for its part of a federated deal, the local deal match's rule at this member: the ε charged first
 * to the consumer organisation's budget here, then this node's patients who match the criteria with a standing
 * consent for the categories, the consumer's on-chain attestations and the purpose, and whose own net share meets
 * their minimum price; their count released only with noise; the first {@code cap} of them the sub-cohort, each with
 * a per-deal pseudonym (from a fresh part secret) and claim addresses. Thread-safe.
 */
public final class PartMatcher {
    private final CohortQuery cohorts;
    private final PrivacyBudget budget;
    private final CountRelease release;
    private final AccountStore accounts;
    private final RecordStore records;
    private final PriceCheck prices;
    private final Caregivers caregivers;
    private final ClaimKeys claims;
    private final Predicate<Account> payableProvider;
    private final RandomGenerator random;
    private final Clock clock;

    public PartMatcher(CohortQuery cohorts, PrivacyBudget budget, CountRelease release, AccountStore accounts,
            RecordStore records, PriceCheck prices, Caregivers caregivers, ClaimKeys claims,
            Predicate<Account> payableProvider, RandomGenerator random, Clock clock) {
        this.cohorts = cohorts;
        this.budget = budget;
        this.release = release;
        this.accounts = accounts;
        this.records = records;
        this.prices = prices;
        this.caregivers = caregivers;
        this.claims = claims;
        this.payableProvider = payableProvider;
        this.random = random;
        this.clock = clock;
    }

    /** The released size, the sub-cohort (at most the allotment) and the part's secret its pseudonyms come from. */
    public record Matched(NoisyCount size, List<DealMember> members, byte[] secret) {
        public Matched {
            members = List.copyOf(members);
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }
    }

    public Result<Matched> match(PartRequest r, EvmAddress home, Account consumer, DealTerms terms,
            List<Category> categories, Epsilon eps) {
        Result<Criterion> criterion = cohorts.parse(r.criteria());
        if (!criterion.isOk()) {
            return criterion.propagate();
        }
        String digest = Discovery.digest(new String(r.criteria(), StandardCharsets.UTF_8), categories,
                terms.purpose());
        Result<?> charged = budget.chargeOrganisation(r.organisation(), r.consumer().hex() + "@" + home.hex(), eps,
                "fdeal|" + r.dealId().hex() + "|" + digest);
        if (!charged.isOk()) {
            return charged.propagate();
        }
        Result<List<EvmAddress>> eligible = cohorts.eligible(consumer, criterion.orElseThrow(), categories,
                terms.purpose());
        if (!eligible.isOk()) {
            return eligible.propagate();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        PriceCheck.Batch batch = prices.begin(consumer);
        Map<AccountId, Boolean> payable = new HashMap<>();
        Map<AccountId, Optional<Account>> authors = new HashMap<>();
        Map<EvmAddress, Account> byAddress = accounts.findAllByAddress(eligible.orElseThrow());
        List<DealMember> members = new ArrayList<>();
        long accepted = 0;
        for (EvmAddress address : eligible.orElseThrow()) {
            Optional<Account> patient = Optional.ofNullable(byAddress.get(address))
                    .filter(a -> a.kind() == AccountKind.PATIENT);
            if (patient.isEmpty()) {
                continue;
            }
            Optional<Account> caregiver = caregivers.of(patient.get(), clock.instant());
            Payout payout = DealPayouts.of(records, accounts, claims, payableProvider, r.dealId(), terms.categories(),
                    secret, patient.get(), caregiver, payable, authors);
            long net = SplitCalculator.shares(terms.pricePerPatient(), terms.split(), payout).patient();
            if (batch.accepts(patient.get(), categories, terms.purpose(), net)) {
                accepted++;
                if (members.size() < r.cap()) {
                    members.add(new DealMember(members.size(), Optional.of(patient.get().id()),
                            caregiver.map(Account::id), payout));
                }
            }
        }
        return Result.ok(new Matched(release.release(accepted, eps), members, secret));
    }
}
