package io.salus.node.web.consumer;

import io.salus.core.account.Account;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.Remaining;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.deal.DealRefunds;
import io.salus.core.usecase.deal.Discovery;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the consumer portal does, through the same use cases (and so the same authorisation, privacy budget and chain
 * steps) as {@code /cohorts/count} and {@code /deals}: a DP count from the cohort form, the remaining budget, the
 * consumer's deals, posting, matching (a noisy size), delivering, refunding and the package (only once settled on
 * chain). Thread-safe.
 */
public final class ConsumerDesk {
    private final Discovery discovery;
    private final DealPosting posting;
    private final DealMatching matching;
    private final DealDelivery delivery;
    private final DealRefunds refunds;
    private final DealQueries queries;
    private final PrivacyBudget budget;
    private final DealLedger ledger;
    private final CohortForm cohorts = new CohortForm();
    private final DealForm deals = new DealForm();
    private final Clock clock;

    public ConsumerDesk(Discovery discovery, DealPosting posting, DealMatching matching, DealDelivery delivery,
            DealRefunds refunds, DealQueries queries, PrivacyBudget budget, DealLedger ledger, Clock clock) {
        this.discovery = discovery;
        this.posting = posting;
        this.matching = matching;
        this.delivery = delivery;
        this.refunds = refunds;
        this.queries = queries;
        this.budget = budget;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A released count: the display text, the epsilon spent, the organisation's remaining budget. */
    public record CountView(String count, String epsilon, String remaining, String organisation) {
    }

    public Result<CountView> count(Account consumer, Map<String, List<String>> form) {
        String eps = new FormFields(form).one("epsilon");
        return cohorts.read(form).flatMap(c -> discovery.count(consumer, c.criteria(), c.categories(), c.purpose(),
                eps)).map(r -> new CountView(r.count().display(), r.epsilon().value().toPlainString(),
                        r.remaining().remaining().toPlainString(), r.remaining().organisation()));
    }

    /** The organisation's budget, or empty when the operator has not assigned the account to one yet. */
    public Optional<Remaining> budget(Account consumer) {
        return budget.remainingFor(consumer.id());
    }

    public long balance(Account consumer) {
        return ledger.balanceOf(consumer.address());
    }

    public Result<List<DealView>> deals(Account consumer) {
        return queries.list(consumer).map(l -> l.stream().map(this::view).toList());
    }

    public Result<DealView> deal(Account consumer, String dealId) {
        return id(dealId).flatMap(id -> queries.find(consumer, id)).map(this::view);
    }

    public Result<DealView> post(Account consumer, Map<String, List<String>> form) {
        return deals.read(form).flatMap(o -> posting.post(consumer, o))
                .flatMap(d -> queries.find(consumer, d.id())).map(this::view);
    }

    public Result<DealView> match(Account consumer, String dealId) {
        return id(dealId).flatMap(id -> matching.match(consumer, id, Optional.empty())
                .flatMap(m -> queries.find(consumer, id))).map(this::view);
    }

    public Result<DealView> deliver(Account consumer, String dealId) {
        return id(dealId).flatMap(id -> delivery.deliver(consumer, id).flatMap(d -> queries.find(consumer, id)))
                .map(this::view);
    }

    public Result<TxRef> refund(Account consumer, String dealId) {
        return id(dealId).flatMap(id -> refunds.refund(consumer, id));
    }

    public Result<byte[]> packageBytes(Account consumer, String dealId) {
        return id(dealId).flatMap(id -> queries.packageBytes(consumer, id));
    }

    private DealView view(DealQueries.View v) {
        return DealView.of(v, clock.instant());
    }

    private static Result<Hash32> id(String dealId) {
        try {
            return Result.ok(Hash32.fromHex(dealId == null ? "" : dealId));
        } catch (IllegalArgumentException e) {
            return Result.fail(io.salus.core.error.ErrorCode.NOT_FOUND, "no deal " + dealId);
        }
    }
}
