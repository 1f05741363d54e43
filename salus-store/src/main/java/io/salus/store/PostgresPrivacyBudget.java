package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.Charge;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.PrivacyNames;
import io.salus.core.privacy.Remaining;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The privacy budgets in PostgreSQL (tables {@code privacy_budget}, {@code privacy_account}, {@code privacy_charge}).
 * A charge is one transaction: a conditional {@code UPDATE ... SET spent = spent + eps WHERE spent + eps <= total}
 * (which row-locks the budget, so concurrent charges of one organisation queue and each re-checks the condition on the
 * latest balance) and the ledger insert. A {@code CHECK (spent <= total)} and triggers (assignments fixed, ledger
 * append-only, spending never decreasing) back this up in the schema. Epsilons are exact {@code numeric}s. Thread-safe.
 */
public final class PostgresPrivacyBudget implements PrivacyBudget {
    private static final String CHARGE_COLUMNS = "seq, organisation, account, epsilon, query_digest, charged_at, "
            + "spent_after";
    private final Transactions tx;
    private final Clock clock;
    private final BigDecimal defaultTotal;

    /**
     * @param defaultTotal the total epsilon of an organisation's budget, set when its first account is assigned
     * @throws IllegalArgumentException when {@code defaultTotal} is negative
     */
    public PostgresPrivacyBudget(Jdbi jdbi, Clock clock, BigDecimal defaultTotal) {
        if (defaultTotal.signum() < 0) {
            throw new IllegalArgumentException("negative privacy budget: " + defaultTotal);
        }
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.defaultTotal = defaultTotal;
    }

    @Override
    public Result<String> assign(AccountId account, String organisation) {
        return PrivacyNames.organisation(organisation).flatMap(org -> tx.inTransaction("assign an organisation", h -> {
            if (!accountExists(h, account)) {
                return Result.<String>fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + account);
            }
            Optional<String> current = organisation(h, account);
            if (current.isEmpty()) {
                h.createUpdate("""
                        INSERT INTO privacy_budget (organisation, total, spent, created_at)
                        VALUES (:org, :total, 0, :now) ON CONFLICT (organisation) DO NOTHING""")
                        .bind("org", org)
                        .bind("total", defaultTotal)
                        .bind("now", Sql.ts(clock.instant()))
                        .execute();
                h.createUpdate("""
                        INSERT INTO privacy_account (account, organisation, assigned_at) VALUES (:a, :org, :now)
                        ON CONFLICT (account) DO NOTHING""")
                        .bind("a", account.value())
                        .bind("org", org)
                        .bind("now", Sql.ts(clock.instant()))
                        .execute();
                current = organisation(h, account);
            }
            String assigned = current.orElseThrow();
            return assigned.equals(org)
                    ? Result.ok(org)
                    : Result.<String>fail(ErrorCode.ORGANISATION_ALREADY_ASSIGNED,
                            "account " + account + " belongs to organisation '" + assigned + "'");
        }));
    }

    @Override
    public Optional<String> organisationOf(AccountId account) {
        return tx.inTransaction("find an account's organisation", h -> organisation(h, account));
    }

    @Override
    public Result<Remaining> charge(AccountId consumer, Epsilon eps, String queryDigest) {
        return PrivacyNames.queryDigest(queryDigest).flatMap(digest -> tx.inTransaction("charge a privacy budget",
                h -> {
                    Optional<String> org = organisation(h, consumer);
                    if (org.isEmpty()) {
                        return accountExists(h, consumer)
                                ? Result.<Remaining>fail(ErrorCode.NOT_A_CONSUMER,
                                        "account " + consumer + " belongs to no organisation")
                                : Result.<Remaining>fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + consumer);
                    }
                    Optional<Remaining> after = h.createQuery("""
                            UPDATE privacy_budget SET spent = spent + :eps
                             WHERE organisation = :org AND spent + :eps <= total
                            RETURNING organisation, total, spent""")
                            .bind("eps", eps.value())
                            .bind("org", org.get())
                            .map((rs, ctx) -> remaining(rs))
                            .findOne();
                    if (after.isEmpty()) {
                        Remaining now = remaining(h, org.get()).orElseThrow();
                        return Failure.of(ErrorCode.PRIVACY_BUDGET_EXHAUSTED, "organisation '" + org.get()
                                + "' has " + now.remaining().toPlainString() + " of its privacy budget "
                                + now.total().toPlainString() + " left, less than epsilon " + eps)
                                .<Remaining>asResult();
                    }
                    h.createUpdate("""
                            INSERT INTO privacy_charge
                                   (organisation, account, epsilon, query_digest, charged_at, spent_after)
                            VALUES (:org, :a, :eps, :digest, :now, :spent)""")
                            .bind("org", org.get())
                            .bind("a", consumer.value())
                            .bind("eps", eps.value())
                            .bind("digest", digest)
                            .bind("now", Sql.ts(clock.instant()))
                            .bind("spent", after.get().spent())
                            .execute();
                    return Result.ok(after.get());
                }));
    }

    @Override
    public Optional<Remaining> remaining(String organisation) {
        return tx.inTransaction("read a privacy budget", h -> remaining(h, organisation));
    }

    @Override
    public List<Charge> charges(String organisation, int limit) {
        return tx.inTransaction("list privacy charges", h -> h.createQuery("SELECT " + CHARGE_COLUMNS
                + " FROM privacy_charge WHERE organisation = :org ORDER BY seq DESC LIMIT :limit")
                .bind("org", organisation)
                .bind("limit", limit)
                .map((rs, ctx) -> new Charge(rs.getLong("seq"), rs.getString("organisation"),
                        new AccountId(Sql.uuid(rs, "account")), rs.getBigDecimal("epsilon"),
                        rs.getString("query_digest"), Sql.instant(rs, "charged_at"),
                        rs.getBigDecimal("spent_after")))
                .list());
    }

    private static boolean accountExists(Handle h, AccountId account) {
        return h.createQuery("SELECT 1 FROM account WHERE id = :id").bind("id", account.value()).mapTo(Integer.class)
                .findOne().isPresent();
    }

    private static Optional<String> organisation(Handle h, AccountId account) {
        return h.createQuery("SELECT organisation FROM privacy_account WHERE account = :a")
                .bind("a", account.value())
                .mapTo(String.class)
                .findOne();
    }

    private static Optional<Remaining> remaining(Handle h, String organisation) {
        return h.createQuery("SELECT organisation, total, spent FROM privacy_budget WHERE organisation = :org")
                .bind("org", organisation)
                .map((rs, ctx) -> remaining(rs))
                .findOne();
    }

    private static Remaining remaining(ResultSet rs) throws SQLException {
        return new Remaining(rs.getString("organisation"), rs.getBigDecimal("total"), rs.getBigDecimal("spent"));
    }
}
