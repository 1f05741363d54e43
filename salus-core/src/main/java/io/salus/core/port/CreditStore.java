package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.incentives.CreditStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The off-chain credit ledger (PostgreSQL adapter in salus-store): closed periods with their funding, each patient's
 * credit entries and balance, and redemptions. Funding is read from the projection of settled deal payments; each
 * settled payment funds at most one period. Thread-safe.
 */
public interface CreditStore {
    /**
     * Settled payments not yet used to fund a period: the totals paid to the default DAO-treasury payee (not those
     * routed to a patient data DAO's own treasury, which its members govern) and to the operator, and the last
     * event's key.
     */
    record Settled(long treasury, long fees, long throughBlock, int throughLog) {
    }

    /** One patient's data in a period as the store sees it (devices and readings from the intake tables). */
    record Holding(AccountId patient, long records, int devices, long readings, int daysWithData) {
    }

    record Period(UUID id, Instant start, Instant end, Instant closedAt, Settled settled, long holdingPool,
            long utilisationPool, CreditStatement statement) {
    }

    record Entry(UUID id, String kind, long amount, Instant at, String detail) {
    }

    /** A redemption: whether it was new, and the balance after it. */
    record Redeemed(UUID id, boolean duplicate, long price, long balance) {
    }

    Optional<Instant> lastPeriodEnd();

    /** Settled payments after the last funded one (in chain order). */
    Settled unfunded();

    /** Every patient holding records at {@code end}, with their device readings received in [start, end). */
    List<Holding> holdings(Instant start, Instant end);

    /** Per patient: deal payouts to them among the settled payments after the last funded one up to {@code s}. */
    Map<AccountId, Long> utilisation(Settled s);

    /**
     * Closes the period and credits each patient, in one transaction; false if a period ending at or after
     * {@code start} is already closed (a concurrent close won) or the funding was used meanwhile.
     */
    boolean close(Period period);

    long balance(AccountId patient);

    /** The patient's entries, newest first. */
    List<Entry> entries(AccountId patient, int limit);

    /**
     * Debits {@code price} once per (patient, key): a repeated key is a duplicate and debits nothing; empty when the
     * balance does not cover it (nothing is debited).
     */
    Optional<Redeemed> redeem(AccountId patient, String key, String service, long price, Instant at);

    /** Closed periods, newest first. */
    List<Period> periods(int limit);

}
