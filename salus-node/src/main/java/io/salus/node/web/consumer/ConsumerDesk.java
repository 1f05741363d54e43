package io.salus.node.web.consumer;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.Remaining;
import io.salus.node.market.DealRecord;
import io.salus.node.market.Deals;
import io.salus.node.market.Discovery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the consumer portal does, through the same marketplace services (and so the same authorisation, privacy budget
 * and chain steps) as {@code /cohorts/count} and {@code /deals}: a DP count from the cohort form, the remaining budget,
 * the consumer's deals (found by their {@code Posted} events on chain), posting, matching, delivering, refunding and the
 * package bytes. Thread-safe.
 */
public final class ConsumerDesk {
    private final Discovery discovery;
    private final Deals deals;
    private final PrivacyBudget budget;
    private final DealLedger ledger;
    private final CohortForm cohortForm = new CohortForm();
    private final DealForm dealForm = new DealForm();
    private final Clock clock;

    public ConsumerDesk(Discovery discovery, Deals deals, PrivacyBudget budget, DealLedger ledger, Clock clock) {
        this.discovery = discovery;
        this.deals = deals;
        this.budget = budget;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A released count: the display text, the epsilon spent, the organisation's remaining budget. */
    public record CountView(String count, String epsilon, String remaining, String organisation) {
    }

    public Result<CountView> count(Account consumer, Map<String, List<String>> form) {
        String eps = new FormFields(form).one("epsilon");
        return cohortForm.read(form).flatMap(c -> discovery.count(consumer, c.criteria(), c.categories(),
                c.purpose(), eps)).map(r -> new CountView(r.count().display(), r.epsilon().value().toPlainString(),
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
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts hold deals");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (DealEvent e : ledger.events(0, ledger.headBlock())) {
            if (e instanceof DealEvent.Posted p && p.consumer().equals(consumer.address())) {
                ids.add(p.dealId().hex());
            }
        }
        List<DealView> out = new ArrayList<>();
        for (String id : ids) {
            deals.find(consumer, id).map(this::view).map(out::add);
        }
        return Result.ok(List.copyOf(out.reversed()));
    }

    public Result<DealView> deal(Account consumer, String dealId) {
        return deals.find(consumer, dealId).map(this::view);
    }

    public Result<DealView> post(Account consumer, Map<String, List<String>> form) {
        return dealForm.read(form).flatMap(o -> deals.post(consumer, o)).map(this::view);
    }

    public Result<DealView> match(Account consumer, String dealId) {
        return deals.match(consumer, dealId).map(this::view);
    }

    public Result<DealView> deliver(Account consumer, String dealId) {
        return deals.deliver(consumer, dealId).map(this::view);
    }

    public Result<TxRef> refund(Account consumer, String dealId) {
        return deals.refund(consumer, dealId);
    }

    public Result<byte[]> packageBytes(Account consumer, String dealId) {
        return deals.packageBytes(consumer, dealId);
    }

    private DealView view(DealRecord d) {
        return DealView.of(d, deals.chainState(d.dealId()), clock.instant());
    }
}
