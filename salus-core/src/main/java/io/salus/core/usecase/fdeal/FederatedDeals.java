package io.salus.core.usecase.fdeal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.CriteriaCommitment;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.DealLedger;
import io.salus.core.port.FederatedDealLedger;
import io.salus.core.port.FederatedDealLedgers;
import io.salus.core.port.FederatedPartStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PartClient;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.Epsilon;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealAccess;
import io.salus.core.usecase.deal.DealPosting;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A federated deal at the consumer's home node (decision 0035). Opening: the consumer's offer is checked as a local
 * deal's (organisation, criteria, terms, split policy), posted and funded once on this node's FederatedDeals escrow
 * with the consumer's custodial key, recorded, and then every active member, this node first, is asked for its part
 * with an equal allotment of maxPatients (the home's own part answered here, the others' over the signed channel); the
 * answer lists each member's outcome: DELIVERED (its part settled), SUPPRESSED, REFUSED or UNREACHABLE.
 * Thread-safe.
 */
public final class FederatedDeals {
    private final CohortQuery cohorts;
    private final DealLedger local;
    private final FederatedDealLedgers ledgers;
    private final FederatedPartStore store;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final PrivacyBudget budget;
    private final MemberDirectory directory;
    private final FederatedPartDelivery self;
    private final PartClient client;
    private final EvmAddress node;
    private final String defaultEpsilon;
    private final RandomGenerator random;
    private final Clock clock;

    public FederatedDeals(CohortQuery cohorts, DealLedger local, FederatedDealLedgers ledgers,
            FederatedPartStore store, AccountStore accounts, KeyManager keys, PrivacyBudget budget,
            MemberDirectory directory, FederatedPartDelivery self, PartClient client, EvmAddress node,
            Epsilon defaultEpsilon, RandomGenerator random, Clock clock) {
        this.cohorts = cohorts;
        this.local = local;
        this.ledgers = ledgers;
        this.store = store;
        this.accounts = accounts;
        this.keys = keys;
        this.budget = budget;
        this.directory = directory;
        this.self = self;
        this.client = client;
        this.node = node;
        this.defaultEpsilon = defaultEpsilon.value().toPlainString();
        this.random = random;
        this.clock = clock;
    }

    /** One member's outcome for its part. */
    public record Outcome(EvmAddress member, String organisation, Status status, Optional<PartAnswer> answer,
            String detail) {
        /** ANSWERED carries the member's answer (DELIVERED or SUPPRESSED). */
        public enum Status {
            ANSWERED,
            REFUSED,
            UNREACHABLE
        }
    }

    /** The opened deal: its id, the criteria's salt (to check the on-chain commitment), the escrow and the parts. */
    public record Opened(Hash32 dealId, Hash32 salt, EvmAddress contract, TxRef post, List<Outcome> parts) {
        public Opened {
            parts = List.copyOf(parts);
        }
    }

    public Result<Opened> open(Account consumer, DealPosting.Offer offer, Optional<String> epsilon) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts open deals");
        }
        Optional<String> organisation = budget.organisationOf(consumer.id());
        if (organisation.isEmpty()) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "the account belongs to no organisation yet");
        }
        Result<?> criterion = cohorts.parse(offer.criteria());
        if (!criterion.isOk()) {
            return criterion.propagate();
        }
        String eps = epsilon.orElse(defaultEpsilon);
        Result<Epsilon> parsed = Epsilon.parse(eps);
        if (!parsed.isOk()) {
            return parsed.propagate();
        }
        Split split = offer.split().orElseGet(() -> local.policy().defaultSplit());
        byte[] saltBytes = new byte[32];
        random.nextBytes(saltBytes);
        Hash32 salt = Hash32.of(saltBytes);
        long mask = 0;
        for (Category c : offer.categories()) {
            mask |= c.mask();
        }
        Result<DealTerms> terms = new DealTerms(CriteriaCommitment.of(salt, offer.criteria()), mask, offer.purpose(),
                offer.pricePerPatient(), offer.maxPatients(), Instant.ofEpochSecond(offer.deadline().getEpochSecond()),
                split).validate(clock.instant()).flatMap(t -> local.policy().check(t.split()).map(s -> t));
        if (!terms.isOk()) {
            return terms.propagate();
        }
        byte[] idBytes = new byte[32];
        random.nextBytes(idBytes);
        Hash32 dealId = Hash32.of(idBytes);
        FederatedDealLedger own = ledgers.own();
        Result<TxRef> posted = DealAccess.withSigningKey(accounts, keys, consumer,
                key -> own.post(dealId, terms.orElseThrow(), key));
        if (!posted.isOk()) {
            return posted.propagate();
        }
        store.opened(dealId, consumer.id(), own.contract());
        List<Member> members = directory.members().stream().filter(Member::active)
                .sorted(Comparator.comparing((Member m) -> !m.node().equals(node)).thenComparing(m -> m.node().hex()))
                .toList();
        int n = members.size();
        List<Outcome> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int cap = offer.maxPatients() / n + (i < offer.maxPatients() % n ? 1 : 0);
            if (cap == 0) {
                continue;
            }
            Member m = members.get(i);
            PartRequest request = new PartRequest(m.node(), dealId, own.contract(), consumer.address(),
                    organisation.get(), consumer.encryptionPublicKey(), offer.criteria(), salt, cap, eps);
            parts.add(ask(m, request));
        }
        return Result.ok(new Opened(dealId, salt, own.contract(), posted.orElseThrow(), parts));
    }

    private Outcome ask(Member m, PartRequest request) {
        Result<PartAnswer> answer = m.node().equals(node) ? self.deliver(m, request) : client.part(m, request);
        if (answer.isOk()) {
            return new Outcome(m.node(), m.organisation(), Outcome.Status.ANSWERED, Optional.of(answer.orElseThrow()),
                    answer.orElseThrow().status().name());
        }
        Outcome.Status status = answer.failure().code() == ErrorCode.MEMBER_UNREACHABLE
                ? Outcome.Status.UNREACHABLE
                : Outcome.Status.REFUSED;
        return new Outcome(m.node(), m.organisation(), status, Optional.empty(), answer.failure().code().code() + " "
                + answer.failure().detail());
    }
}
