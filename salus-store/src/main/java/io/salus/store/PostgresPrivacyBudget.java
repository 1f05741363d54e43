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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The privacy budgets in PostgreSQL (tables {@code privacy_budget}: the organisations; {@code privacy_period}: what
 * each spent in each period; {@code privacy_account}, {@code privacy_charge}). A period is a window of {@code period}
 * from the epoch (a later window never overlaps an existing one, even after the length changed); an organisation's
 * first charge in it creates its row with {@code totalPerPeriod}. A charge is one transaction: a conditional
 * {@code UPDATE ... SET spent = spent + eps WHERE spent + eps <= total} on the period row (which row-locks it, so
 * concurrent charges of one organisation queue and each re-checks the condition on the latest balance) and the ledger
 * insert. A query above {@code maxPerQuery} is refused before anything is touched. A {@code CHECK (spent <= total)} and
 * triggers (assignments fixed, ledger append-only, spending never decreasing, periods never reshaped) back this up in
 * the schema. A charge for a requester of another node of the alliance names the organisation directly and is kept
 * with the remote requester instead of a local account (migration V80). Epsilons are exact {@code numeric}s. Thread-safe.
 */
public final class PostgresPrivacyBudget implements PrivacyBudget {
    private static final String CHARGE_COLUMNS = "seq, organisation, account, remote_requester, epsilon, "
            + "query_digest, charged_at, spent_after";
    private final Transactions tx;
    private final Clock clock;
    private final BigDecimal totalPerPeriod;
    private final Epsilon maxPerQuery;
    private final long periodSeconds;

    /**
     * @param totalPerPeriod the total epsilon of an organisation's budget in each period
     * @param maxPerQuery the largest epsilon one query may spend
     * @param period the length of a period (whole seconds)
     * @throws IllegalArgumentException when {@code totalPerPeriod} is negative or the period shorter than a second
     */
    public PostgresPrivacyBudget(Jdbi jdbi, Clock clock, BigDecimal totalPerPeriod, Epsilon maxPerQuery,
            Duration period) {
        if (totalPerPeriod.signum() < 0) {
            throw new IllegalArgumentException("negative privacy budget: " + totalPerPeriod);
        }
        if (period.getSeconds() < 1) {
            throw new IllegalArgumentException("a privacy period lasts at least a second, not " + period);
        }
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.totalPerPeriod = totalPerPeriod;
        this.maxPerQuery = maxPerQuery;
        this.periodSeconds = period.getSeconds();
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
                        .bind("total", totalPerPeriod)
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
        if (eps.value().compareTo(maxPerQuery.value()) > 0) {
            return aboveCap(eps);
        }
        return PrivacyNames.queryDigest(queryDigest).flatMap(digest -> tx.inTransaction("charge a privacy budget",
                h -> {
                    Optional<String> org = organisation(h, consumer);
                    if (org.isEmpty()) {
                        return accountExists(h, consumer)
                                ? Result.<Remaining>fail(ErrorCode.NOT_A_CONSUMER,
                                        "account " + consumer + " belongs to no organisation")
                                : Result.<Remaining>fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + consumer);
                    }
                    return spend(h, org.get(), consumer, null, eps, digest);
                }));
    }

    @Override
    public Result<Remaining> chargeOrganisation(String organisation, String remoteRequester, Epsilon eps,
            String queryDigest) {
        if (eps.value().compareTo(maxPerQuery.value()) > 0) {
            return aboveCap(eps);
        }
        if (remoteRequester.isBlank() || remoteRequester.length() > 200) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "name the remote requester (at most 200 characters)");
        }
        return PrivacyNames.organisation(organisation).flatMap(org -> PrivacyNames.queryDigest(queryDigest)
                .flatMap(digest -> tx.inTransaction("charge a privacy budget for a remote requester", h -> {
                    h.createUpdate("""
                            INSERT INTO privacy_budget (organisation, total, spent, created_at)
                            VALUES (:org, :total, 0, :now) ON CONFLICT (organisation) DO NOTHING""")
                            .bind("org", org)
                            .bind("total", totalPerPeriod)
                            .bind("now", Sql.ts(clock.instant()))
                            .execute();
                    return spend(h, org, null, remoteRequester, eps, digest);
                })));
    }

    private Result<Remaining> aboveCap(Epsilon eps) {
        return Result.fail(ErrorCode.EPSILON_ABOVE_CAP, "one query may spend at most epsilon " + maxPerQuery
                + " on this node, not " + eps);
    }

    /** The period's conditional spend and the ledger entry, in the caller's transaction. */
    private Result<Remaining> spend(Handle h, String org, AccountId account, String remote, Epsilon eps,
            String digest) {
        Instant now = clock.instant();
        Instant start = openPeriod(h, org, now);
        Optional<Remaining> after = h.createQuery("""
                UPDATE privacy_period SET spent = spent + :eps
                 WHERE organisation = :org AND period_start = :start AND spent + :eps <= total
                RETURNING organisation, total, spent, period_end""")
                .bind("eps", eps.value())
                .bind("org", org)
                .bind("start", Sql.ts(start))
                .map((rs, ctx) -> remaining(rs))
                .findOne();
        if (after.isEmpty()) {
            Remaining left = remaining(h, org, now).orElseThrow();
            return Failure.of(ErrorCode.PRIVACY_BUDGET_EXHAUSTED, "organisation '" + org + "' has "
                    + left.remaining().toPlainString() + " of its privacy budget " + left.total().toPlainString()
                    + " left in this period, less than epsilon " + eps + "; it renews at "
                    + left.renewsAt().orElseThrow()).<Remaining>asResult();
        }
        h.createUpdate("""
                INSERT INTO privacy_charge (organisation, account, remote_requester, epsilon, query_digest,
                       charged_at, spent_after, period_start)
                VALUES (:org, CAST(:a AS uuid), :remote, :eps, :digest, :now, :spent, :start)""")
                .bind("org", org)
                .bind("a", account == null ? null : account.value())
                .bind("remote", remote)
                .bind("eps", eps.value())
                .bind("digest", digest)
                .bind("now", Sql.ts(now))
                .bind("spent", after.get().spent())
                .bind("start", Sql.ts(start))
                .execute();
        return Result.ok(after.get());
    }

    /**
     * The start of the organisation's period containing {@code now}, creating it (with this node's total) if there is
     * none: the epoch-aligned window, begun no earlier than the end of the organisation's latest period. The
     * organisation's row is locked first, so two first charges of a window cannot both miss the period and one of
     * them then read the other's (committed meanwhile) as the latest.
     */
    private Instant openPeriod(Handle h, String org, Instant now) {
        h.createQuery("SELECT organisation FROM privacy_budget WHERE organisation = :org FOR NO KEY UPDATE")
                .bind("org", org).mapTo(String.class).one();
        Optional<Instant> current = current(h, org, now).map(Period::start);
        if (current.isPresent()) {
            return current.get();
        }
        Instant aligned = aligned(now);
        Instant latestEnd = h.createQuery("SELECT max(period_end) FROM privacy_period WHERE organisation = :org")
                .bind("org", org).map((rs, ctx) -> Sql.instant(rs, "max")).findOne().orElse(null);
        Instant start = latestEnd != null && latestEnd.isAfter(aligned) ? latestEnd : aligned;
        h.createUpdate("""
                INSERT INTO privacy_period (organisation, period_start, period_end, total)
                VALUES (:org, :start, :end, :total) ON CONFLICT (organisation, period_start) DO NOTHING""")
                .bind("org", org)
                .bind("start", Sql.ts(start))
                .bind("end", Sql.ts(aligned.plusSeconds(periodSeconds)))
                .bind("total", totalPerPeriod)
                .execute();
        return start;
    }

    private record Period(Instant start, Remaining remaining) {
    }

    private static Optional<Period> current(Handle h, String org, Instant now) {
        return h.createQuery("""
                SELECT organisation, total, spent, period_start, period_end FROM privacy_period
                 WHERE organisation = :org AND period_start <= :now AND :now < period_end""")
                .bind("org", org)
                .bind("now", Sql.ts(now))
                .map((rs, ctx) -> new Period(Sql.instant(rs, "period_start"), remaining(rs)))
                .findOne();
    }

    private Instant aligned(Instant now) {
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), periodSeconds) * periodSeconds);
    }

    @Override
    public Optional<Remaining> remaining(String organisation) {
        return tx.inTransaction("read a privacy budget", h -> remaining(h, organisation, clock.instant()));
    }

    @Override
    public List<Charge> charges(String organisation, int limit) {
        return tx.inTransaction("list privacy charges", h -> h.createQuery("SELECT " + CHARGE_COLUMNS
                + " FROM privacy_charge WHERE organisation = :org ORDER BY seq DESC LIMIT :limit")
                .bind("org", organisation)
                .bind("limit", limit)
                .map((rs, ctx) -> new Charge(rs.getLong("seq"), rs.getString("organisation"),
                        rs.getString("remote_requester") == null ? new AccountId(Sql.uuid(rs, "account")) : null,
                        rs.getBigDecimal("epsilon"), rs.getString("query_digest"), Sql.instant(rs, "charged_at"),
                        rs.getBigDecimal("spent_after"), Optional.ofNullable(rs.getString("remote_requester"))))
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

    /** The current period's budget; a full one (not stored yet) if the organisation spent nothing in it. */
    private Optional<Remaining> remaining(Handle h, String organisation, Instant now) {
        boolean known = h.createQuery("SELECT 1 FROM privacy_budget WHERE organisation = :org")
                .bind("org", organisation).mapTo(Integer.class).findOne().isPresent();
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(current(h, organisation, now).map(Period::remaining).orElseGet(() -> new Remaining(
                organisation, totalPerPeriod, BigDecimal.ZERO,
                Optional.of(aligned(now).plusSeconds(periodSeconds)))));
    }

    private static Remaining remaining(ResultSet rs) throws SQLException {
        return new Remaining(rs.getString("organisation"), rs.getBigDecimal("total"), rs.getBigDecimal("spent"),
                Optional.of(Sql.instant(rs, "period_end")));
    }
}
