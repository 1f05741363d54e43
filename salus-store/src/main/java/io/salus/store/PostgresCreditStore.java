package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.deal.Role;
import io.salus.core.incentives.Credit;
import io.salus.core.incentives.CreditStatement;
import io.salus.core.port.CreditStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The credit ledger in PostgreSQL (migration V131). Funding comes from the deal-event projection ({@code deal_event},
 * migration V11): DAO-treasury and operator payments after the last period's funding cursor. A period is closed with
 * all its credits in one transaction, serialised by a transaction-scoped advisory lock; a redemption debits the balance
 * only if it covers the price, once per (patient, key). Thread-safe.
 */
public final class PostgresCreditStore implements CreditStore {
    private static final long CLOSE_LOCK = 0x5A105_1884L;
    private final Transactions tx;

    public PostgresCreditStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public Optional<Instant> lastPeriodEnd() {
        return tx.inTransaction("last credit period", h -> h.createQuery(
                "SELECT max(ends_at) AS e FROM credit_period").map(
                        (rs, ctx) -> Optional.ofNullable(Sql.instant(rs,
                                "e")))
                .one());
    }

    @Override
    public Settled unfunded() {
        return tx.inTransaction("unfunded settlements", h -> unfunded(h));
    }

    private static Settled unfunded(Handle h) {
        long[] cursor = h.createQuery("""
                SELECT funded_block, funded_log FROM credit_period ORDER BY funded_block DESC, funded_log DESC
                LIMIT 1""").map((rs, ctx) -> new long[]{rs.getLong(1), rs.getInt(2)}).findOne().orElse(new long[]{
                -1, -1});
        return h.createQuery("""
                SELECT coalesce(sum(amount) FILTER (WHERE role = :treasury
                        AND party NOT IN (SELECT timelock FROM dao)), 0) AS treasury,
                    coalesce(sum(amount) FILTER (WHERE role = :operator), 0) AS fees,
                    coalesce(max(block), :b) AS through_block
                FROM deal_event WHERE kind = 'PAID' AND (block, log_index) > (:b, :l)""")
                .bind("treasury", (short) Role.DAO_TREASURY.chainCode())
                .bind("operator", (short) Role.OPERATOR.chainCode()).bind("b", cursor[0]).bind("l", (int) cursor[1])
                .map((rs, ctx) -> {
                    long through = rs.getLong("through_block");
                    int log = through == cursor[0]
                            ? (int) cursor[1]
                            : h.createQuery("""
                                    SELECT max(log_index) FROM deal_event WHERE kind = 'PAID' AND block = :b""")
                                    .bind("b", through).mapTo(Integer.class).one();
                    return new Settled(rs.getLong("treasury"), rs.getLong("fees"), through, log);
                }).one();
    }

    @Override
    public List<Holding> holdings(Instant start, Instant end) {
        return tx.inTransaction("credit holdings", h -> h.createQuery("""
                SELECT r.patient, r.records,
                    (SELECT count(*) FROM device d WHERE d.patient = r.patient AND d.registered_at < :end
                        AND (d.retired_at IS NULL OR d.retired_at > :start)) AS devices,
                    (SELECT coalesce(sum(b.readings), 0) FROM device_batch b JOIN device d ON d.id = b.device
                        WHERE d.patient = r.patient AND b.to_at >= :start AND b.to_at < :end) AS readings,
                    (SELECT count(DISTINCT (b.to_at AT TIME ZONE 'UTC')::date) FROM device_batch b
                        JOIN device d ON d.id = b.device
                        WHERE d.patient = r.patient AND b.to_at >= :start AND b.to_at < :end) AS days
                FROM (SELECT s.patient, count(*) AS records FROM sealed_record s JOIN account a ON a.id = s.patient
                      WHERE a.kind = 'PATIENT' AND s.deposited_at < :end GROUP BY s.patient) r
                ORDER BY r.patient""")
                .bind("start", Sql.ts(start)).bind("end", Sql.ts(end))
                .map((rs, ctx) -> new Holding(new AccountId(Sql.uuid(rs, "patient")), rs.getLong("records"), rs
                        .getInt("devices"), rs.getLong("readings"), rs.getInt("days")))
                .list());
    }

    @Override
    public Map<AccountId, Long> utilisation(Settled s) {
        return tx.inTransaction("credit utilisation", h -> {
            long[] cursor = h.createQuery("""
                    SELECT funded_block, funded_log FROM credit_period ORDER BY funded_block DESC, funded_log DESC
                    LIMIT 1""").map((rs, ctx) -> new long[]{rs.getLong(1), rs.getInt(2)}).findOne().orElse(
                    new long[]{-1, -1});
            Map<AccountId, Long> use = new HashMap<>();
            h.createQuery("""
                    SELECT m.patient, count(*) AS payouts FROM deal_event e
                    JOIN deal_member m ON m.deal_id = e.deal_id AND m.patient_claim = e.party
                    WHERE e.kind = 'PAID' AND e.role = :patient AND m.patient IS NOT NULL
                        AND (e.block, e.log_index) > (:b, :l) AND (e.block, e.log_index) <= (:tb, :tl)
                    GROUP BY m.patient""")
                    .bind("patient", (short) Role.PATIENT.chainCode()).bind("b", cursor[0]).bind("l", (int) cursor[1])
                    .bind("tb", s.throughBlock()).bind("tl", s.throughLog())
                    .map((rs, ctx) -> Map.entry(new AccountId(Sql.uuid(rs, "patient")), rs.getLong("payouts")))
                    .forEach(e -> use.put(e.getKey(), e.getValue()));
            return use;
        });
    }

    @Override
    public boolean close(Period p) {
        return tx.inTransaction("close credit period", h -> {
            h.createQuery("SELECT pg_advisory_xact_lock(:k)::text").bind("k", CLOSE_LOCK).mapTo(String.class).one();
            Optional<Instant> last = h.createQuery("SELECT max(ends_at) AS e FROM credit_period").map(
                    (rs, ctx) -> Optional.ofNullable(Sql.instant(rs, "e"))).one();
            if (last.isPresent() && !last.get().equals(p.start())) {
                return false;
            }
            CreditStatement st = p.statement();
            h.createUpdate("""
                    INSERT INTO credit_period (id, starts_at, ends_at, closed_at, funded_block, funded_log,
                        treasury_settled, fees_settled, holding_pool, utilisation_pool, holding_paid,
                        utilisation_paid, prorated)
                    VALUES (:id, :s, :e, :c, :fb, :fl, :ts, :fs, :hp, :up, :hpaid, :upaid, :pr)""")
                    .bind("id", p.id()).bind("s", Sql.ts(p.start())).bind("e", Sql.ts(p.end()))
                    .bind("c", Sql.ts(p.closedAt())).bind("fb", p.settled().throughBlock())
                    .bind("fl", p.settled().throughLog()).bind("ts", p.settled().treasury())
                    .bind("fs", p.settled().fees()).bind("hp", p.holdingPool()).bind("up", p.utilisationPool())
                    .bind("hpaid", st.holdingPaid()).bind("upaid", st.utilisationPaid()).bind("pr", st.prorated())
                    .execute();
            for (Credit c : st.credits()) {
                entry(h, p, c.depositor(), "HOLDING", c.holding(), "volume units " + c.volumeUnits()
                        + ", stream quality " + c.qualityBps() + " bps, weight " + c.weight());
                entry(h, p, c.depositor(), "UTILISATION", c.utilisation(), "share of the utilisation pool");
            }
            return true;
        });
    }

    private static void entry(Handle h, Period p, AccountId patient, String kind, long amount, String detail) {
        if (amount == 0) {
            return;
        }
        h.createUpdate("""
                INSERT INTO credit_entry (id, patient, kind, amount, at, period, detail)
                VALUES (:id, :p, :kind, :amount, :at, :period, :detail)""")
                .bind("id", UUID.randomUUID()).bind("p", patient.value()).bind("kind", kind).bind("amount", amount)
                .bind("at", Sql.ts(p.closedAt())).bind("period", p.id()).bind("detail", detail).execute();
        h.createUpdate("""
                INSERT INTO credit_account (patient, balance) VALUES (:p, :amount)
                ON CONFLICT (patient) DO UPDATE SET balance = credit_account.balance + excluded.balance""")
                .bind("p", patient.value()).bind("amount", amount).execute();
    }

    @Override
    public long balance(AccountId patient) {
        return tx.inTransaction("credit balance", h -> h.createQuery(
                "SELECT balance FROM credit_account WHERE patient = :p").bind("p", patient.value()).mapTo(Long.class)
                .findOne().orElse(0L));
    }

    @Override
    public List<Entry> entries(AccountId patient, int limit) {
        return tx.inTransaction("credit entries", h -> h.createQuery("""
                SELECT id, kind, amount, at, detail FROM credit_entry WHERE patient = :p
                ORDER BY at DESC, kind LIMIT :limit""").bind("p", patient.value()).bind("limit", limit)
                .map((rs, ctx) -> new Entry(Sql.uuid(rs, "id"), rs.getString("kind"), rs.getLong("amount"), Sql
                        .instant(rs, "at"), rs.getString("detail")))
                .list());
    }

    @Override
    public Optional<Redeemed> redeem(AccountId patient, String key, String service, long price, Instant at) {
        try {
            return tx.inTransaction("redeem credits", h -> {
                Optional<Redeemed> earlier = earlier(h, patient, key);
                if (earlier.isPresent()) {
                    return earlier;
                }
                Optional<Long> balance = h.createQuery("""
                        UPDATE credit_account SET balance = balance - :price WHERE patient = :p AND balance >= :price
                        RETURNING balance""").bind("p", patient.value()).bind("price", price).mapTo(Long.class)
                        .findOne();
                if (balance.isEmpty()) {
                    return Optional.<Redeemed>empty();
                }
                UUID id = UUID.randomUUID();
                int inserted = h.createUpdate("""
                        INSERT INTO credit_redemption (id, patient, idempotency_key, service, price, at)
                        VALUES (:id, :p, :key, :service, :price, :at)
                        ON CONFLICT (patient, idempotency_key) DO NOTHING""")
                        .bind("id", id).bind("p", patient.value()).bind("key", key).bind("service", service)
                        .bind("price", price).bind("at", Sql.ts(at)).execute();
                if (inserted == 0) {
                    throw new RedeemedConcurrently();
                }
                h.createUpdate("""
                        INSERT INTO credit_entry (id, patient, kind, amount, at, redemption, detail)
                        VALUES (:eid, :p, 'REDEMPTION', :amount, :at, :id, :detail)""")
                        .bind("eid", UUID.randomUUID()).bind("p", patient.value()).bind("amount", -price)
                        .bind("at", Sql.ts(at)).bind("id", id).bind("detail", service).execute();
                return Optional.of(new Redeemed(id, false, price, balance.get()));
            });
        } catch (RedeemedConcurrently e) {
            return tx.inTransaction("read redemption", h -> earlier(h, patient, key));
        }
    }

    /** The same key won in a concurrent transaction: this one's debit is rolled back. */
    private static final class RedeemedConcurrently extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedeemedConcurrently() {
            super("redeemed concurrently", null, false, false);
        }
    }

    private static Optional<Redeemed> earlier(Handle h, AccountId patient, String key) {
        return h.createQuery("""
                SELECT r.id, r.price, coalesce(a.balance, 0) AS balance FROM credit_redemption r
                LEFT JOIN credit_account a ON a.patient = r.patient
                WHERE r.patient = :p AND r.idempotency_key = :key""").bind("p", patient.value()).bind("key", key)
                .map((rs, ctx) -> new Redeemed(Sql.uuid(rs, "id"), true, rs.getLong("price"), rs.getLong("balance")))
                .findOne();
    }

    @Override
    public List<Period> periods(int limit) {
        return tx.inTransaction("credit periods", h -> h.createQuery("""
                SELECT id, starts_at, ends_at, closed_at, funded_block, funded_log, treasury_settled, fees_settled,
                    holding_pool, utilisation_pool, holding_paid, utilisation_paid, prorated
                FROM credit_period ORDER BY ends_at DESC LIMIT :limit""").bind("limit", limit)
                .map((rs, ctx) -> new Period(Sql.uuid(rs, "id"), Sql.instant(rs, "starts_at"), Sql.instant(rs,
                        "ends_at"), Sql.instant(rs, "closed_at"),
                        new Settled(rs.getLong("treasury_settled"), rs
                                .getLong("fees_settled"), rs.getLong("funded_block"), rs.getInt("funded_log")),
                        rs
                                .getLong("holding_pool"),
                        rs.getLong("utilisation_pool"), new CreditStatement(
                                List.of(), rs.getLong("holding_paid"), rs.getLong("utilisation_paid"),
                                rs.getLong("holding_pool") - rs.getLong("holding_paid"), rs.getLong(
                                        "utilisation_pool") - rs.getLong("utilisation_paid"),
                                rs
                                        .getBoolean("prorated"))))
                .list());
    }
}
