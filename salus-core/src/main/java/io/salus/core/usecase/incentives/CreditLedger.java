package io.salus.core.usecase.incentives;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.incentives.CreditCalculator;
import io.salus.core.incentives.CreditPolicy;
import io.salus.core.incentives.DepositorPeriod;
import io.salus.core.incentives.PeriodFunding;
import io.salus.core.incentives.StreamQuality;
import io.salus.core.port.CreditStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Incentive credits (issue 18, item 4; decision 0032): the operator closes a period, whose pools are the stated shares
 * of the DAO-treasury payments and operator fees settled on chain since the last period (read from the deal-event
 * projection after syncing it); {@link CreditCalculator} shares them among the patients holding records (volume,
 * stream quality from their devices' readings, utilisation from their deal payouts), and the credits are entered in
 * one transaction. Nothing else credits a patient. A patient reads their own balance and redeems it, once per key,
 * for a service. Thread-safe.
 */
public final class CreditLedger {
    /** The first period's length (later periods start where the last one ended). */
    public static final Duration FIRST_PERIOD = Duration.ofDays(30);
    private final CreditStore store;
    private final CreditPolicy policy;
    private final Runnable syncSettlements;
    private final Clock clock;

    /** A patient's balance and latest entries. */
    public record Balance(AccountId patient, long balance, List<CreditStore.Entry> entries) {
    }

    public CreditLedger(CreditStore store, CreditPolicy policy, Runnable syncSettlements, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.syncSettlements = syncSettlements;
        this.clock = clock;
    }

    public CreditPolicy policy() {
        return policy;
    }

    /**
     * Closes the period ending at {@code requestedEnd} (to the microsecond, as stored): only the operator; never twice,
     * never in the future.
     */
    public Result<CreditStore.Period> close(Account actor, Instant requestedEnd) {
        Instant end = requestedEnd.truncatedTo(ChronoUnit.MICROS);
        if (actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the operator closes a credit period");
        }
        Instant now = clock.instant();
        Instant start = store.lastPeriodEnd().orElse(end.minus(FIRST_PERIOD));
        if (!end.isAfter(start) || end.isAfter(now)) {
            return Result.fail(start.isBefore(end) || store.lastPeriodEnd().isEmpty()
                    ? ErrorCode.CREDIT_PERIOD_INVALID
                    : ErrorCode.CREDIT_PERIOD_CLOSED,
                    "the period would run from " + start + " to " + end + " (now "
                            + now + ")");
        }
        syncSettlements.run();
        CreditStore.Settled settled = store.unfunded();
        PeriodFunding funding = policy.fund(settled.treasury(), settled.fees());
        Map<AccountId, Long> use = store.utilisation(settled);
        int days = (int) Math.max(1, Duration.between(start, end).plusHours(23).toDays());
        List<DepositorPeriod> depositors = new ArrayList<>();
        for (CreditStore.Holding h : store.holdings(start, end)) {
            Optional<StreamQuality> q = h.devices() == 0
                    ? Optional.empty()
                    : Optional.of(new StreamQuality(policy.expectedReadingsPerDay() * h.devices() * days, h
                            .readings(), days, Math.min(days, h.daysWithData())));
            depositors.add(new DepositorPeriod(h.patient(), h.records(), q, use.getOrDefault(h.patient(), 0L)));
        }
        return CreditCalculator.credit(policy.rule(), funding, depositors).flatMap(statement -> {
            CreditStore.Period p = new CreditStore.Period(UUID.randomUUID(), start, end, now, settled, funding
                    .holdingPool(), funding.utilisationPool(), statement);
            return store.close(p)
                    ? Result.ok(p)
                    : Result.fail(ErrorCode.CREDIT_PERIOD_CLOSED, "a period ending after " + start
                            + " was closed meanwhile");
        });
    }

    /** The patient's balance and latest entries: the patient only. */
    public Result<Balance> balance(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient reads their credits");
        }
        return Result.ok(new Balance(patient, store.balance(patient), store.entries(patient, 100)));
    }

    /** Debits {@code price} for {@code service} once per key: the patient only, never below zero. */
    public Result<CreditStore.Redeemed> redeem(Account actor, AccountId patient, String service, long price,
            String key) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient redeems their own credits");
        }
        if (key == null || key.isBlank() || key.length() > 200) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "a redemption needs an idempotency key (1-200 characters)");
        }
        return store.redeem(patient, key, service, price, clock.instant()).map(Result::ok).orElseGet(() -> Result
                .fail(ErrorCode.CREDITS_INSUFFICIENT, service + " costs " + price + " credits; the balance is "
                        + store.balance(patient)));
    }
}
