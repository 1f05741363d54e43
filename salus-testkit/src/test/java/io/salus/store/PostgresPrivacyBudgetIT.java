package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.Charge;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.Remaining;
import io.salus.testkit.postgres.WithPostgres;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WithPostgres
class PostgresPrivacyBudgetIT {
    private static final BigDecimal TOTAL = new BigDecimal("10.0");
    private static final Duration PERIOD = Duration.ofDays(30);
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresPrivacyBudget budget;

    @BeforeAll
    static void start(Database database) {
        db = database;
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        accounts = new PostgresAccountStore(db.jdbi(), clock);
        budget = new PostgresPrivacyBudget(db.jdbi(), clock, TOTAL, eps("10"), PERIOD);
    }

    private static AccountId consumer() {
        NewAccount a = newAccount(AccountKind.CONSUMER, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    private static String organisation() {
        return "Org " + UUID.randomUUID();
    }

    private static AccountId consumerOf(String org) {
        AccountId id = consumer();
        assertThat(budget.assign(id, org).orElseThrow()).isEqualTo(org);
        return id;
    }

    private static Epsilon eps(String value) {
        return Epsilon.parse(value).orElseThrow();
    }

    @Test
    void parallelCharges_neverOverspend_andExactlyFloorOfTotalOverEpsilonSucceed() throws Exception {
        String org = organisation();
        List<AccountId> members = List.of(consumerOf(org), consumerOf(org), consumerOf(org), consumerOf(org));
        Epsilon e = eps("0.3");
        int threads = 16;
        int attemptsEach = 5;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Result<Remaining>>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                AccountId who = members.get(t % members.size());
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Result<Remaining>> results = new ArrayList<>();
                    for (int i = 0; i < attemptsEach; i++) {
                        results.add(budget.charge(who, e, "query-" + thread + "-" + i));
                    }
                    return results;
                }));
            }
            go.countDown();
            List<Result<Remaining>> all = new ArrayList<>();
            for (var f : futures) {
                all.addAll(f.get());
            }
            long ok = all.stream().filter(Result::isOk).count();
            assertThat(ok).isEqualTo(33); // floor(10.0 / 0.3)
            assertThat(all.stream().filter(r -> !r.isOk()).map(r -> r.failure().code()))
                    .hasSize(threads * attemptsEach - 33)
                    .containsOnly(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);
            assertThat(all.stream().filter(Result::isOk).map(r -> r.orElseThrow().remaining()))
                    .allSatisfy(left -> assertThat(left.signum()).isGreaterThanOrEqualTo(0));
        }
        Remaining left = budget.remaining(org).orElseThrow();
        assertThat(left.spent()).isEqualByComparingTo("9.9");
        assertThat(left.remaining()).isEqualByComparingTo("0.1");
        List<Charge> ledger = budget.charges(org, 1000);
        assertThat(ledger).hasSize(33);
        assertThat(ledger.stream().map(Charge::epsilon).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(left.spent());
        assertThat(ledger.stream().map(c -> c.spentAfter().stripTrailingZeros()).distinct()).hasSize(33);
        assertThat(ledger.getFirst().spentAfter()).isEqualByComparingTo("9.9");
        assertThat(ledger).allSatisfy(c -> assertThat(members).contains(c.account()));
    }

    @Test
    void secondAccountOfTheSameOrganisation_seesTheSameBudget_andCannotResetIt() {
        String org = organisation();
        AccountId first = consumerOf(org);
        for (int i = 0; i < 10; i++) {
            assertThat(budget.charge(first, eps("1"), "q" + i).isOk()).isTrue();
        }
        AccountId second = consumerOf(org);
        assertThat(budget.remainingFor(second).orElseThrow().remaining()).isEqualByComparingTo("0");
        assertThat(budget.remainingFor(second)).isEqualTo(budget.remainingFor(first));
        Result<Remaining> refused = budget.charge(second, eps("0.000001"), "fresh account");
        assertThat(refused.failure().code()).isEqualTo(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);
        assertThat(budget.charges(org, 100)).hasSize(10);
    }

    @Test
    void anAccountStaysInItsFirstOrganisation() {
        String org = organisation();
        AccountId id = consumerOf(org);
        assertThat(budget.assign(id, org).orElseThrow()).isEqualTo(org);
        assertThat(budget.assign(id, "  " + org + " ").orElseThrow()).isEqualTo(org);
        Result<String> moved = budget.assign(id, organisation());
        assertThat(moved.failure().code()).isEqualTo(ErrorCode.ORGANISATION_ALREADY_ASSIGNED);
        assertThat(budget.organisationOf(id)).contains(org);
    }

    @Test
    void chargingWithoutAnOrganisationOrAccount_isRefused_andMalformedNamesAreInvalid() {
        AccountId unassigned = consumer();
        assertThat(budget.charge(unassigned, eps("1"), "q").failure().code()).isEqualTo(ErrorCode.NOT_A_CONSUMER);
        AccountId unknown = AccountId.random();
        assertThat(budget.charge(unknown, eps("1"), "q").failure().code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
        assertThat(budget.assign(unknown, organisation()).failure().code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
        assertThat(budget.assign(unassigned, " ").failure().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(budget.assign(unassigned, "x".repeat(201)).failure().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        AccountId member = consumerOf(organisation());
        assertThat(budget.charge(member, eps("1"), "").failure().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(budget.remainingFor(member).orElseThrow().spent()).isEqualByComparingTo("0");
        assertThat(budget.remaining(organisation())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "NaN", "Infinity", "-Infinity", "10.5", "1e9", "0.0000001", "one"})
    void invalidEpsilons_areRejectedBeforeAnyCharge(String text) {
        Result<Epsilon> parsed = Epsilon.parse(text);
        assertThat(parsed.failure().code()).isEqualTo(ErrorCode.INVALID_EPSILON);
        AccountId member = consumerOf(organisation());
        Result<Remaining> result = parsed.flatMap(e -> budget.charge(member, e, "q"));
        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_EPSILON);
        assertThat(budget.remainingFor(member).orElseThrow().spent()).isEqualByComparingTo("0");
    }

    @Test
    void budgetsAreExactDecimals_soPointOnePlusPointTwoFitsInPointThree() {
        PostgresPrivacyBudget small = new PostgresPrivacyBudget(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC),
                new BigDecimal("0.3"), eps("1"), PERIOD);
        String org = organisation();
        AccountId id = consumer();
        small.assign(id, org).orElseThrow();
        assertThat(small.charge(id, eps("0.1"), "a").isOk()).isTrue();
        assertThat(small.charge(id, eps("0.2"), "b").orElseThrow().remaining()).isEqualByComparingTo("0");
        assertThat(small.charge(id, eps("0.000001"), "c").failure().code())
                .isEqualTo(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);
        assertThat(small.remaining(org).orElseThrow().total()).isEqualByComparingTo("0.3");
    }

    /** The budget of this node as it answers at {@code now} (a budget keeps nothing but its settings in memory). */
    private static PostgresPrivacyBudget at(String now, String total, Duration period) {
        return new PostgresPrivacyBudget(db.jdbi(), Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
                new BigDecimal(total), eps("1"), period);
    }

    @Test
    void twoQueriesAtEpsilonFive_areRefusedByThePerQueryCap_andSpendNothing() {
        PostgresPrivacyBudget capped = new PostgresPrivacyBudget(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC), TOTAL,
                eps("1"), PERIOD);
        String org = organisation();
        AccountId id = consumer();
        capped.assign(id, org).orElseThrow();

        for (String digest : List.of("all", "all but the target")) {
            assertThat(capped.charge(id, eps("5"), digest).failure().code()).isEqualTo(ErrorCode.EPSILON_ABOVE_CAP);
        }
        assertThat(capped.charge(id, eps("1.000001"), "just above").failure().code())
                .isEqualTo(ErrorCode.EPSILON_ABOVE_CAP);
        assertThat(capped.remaining(org).orElseThrow().spent()).isEqualByComparingTo("0");
        assertThat(capped.charges(org, 10)).isEmpty();
        assertThat(capped.charge(id, eps("1"), "at the cap").isOk()).isTrue();
    }

    @Test
    void theBudgetRenewsEachPeriod_andNothingSpentCarriesOver() {
        Duration day = Duration.ofDays(1);
        PostgresPrivacyBudget lastSecond = at("2026-03-30T23:59:59Z", "2", day);
        String org = organisation();
        AccountId id = consumer();
        lastSecond.assign(id, org).orElseThrow();

        assertThat(lastSecond.charge(id, eps("1"), "a").isOk()).isTrue();
        Remaining spent = lastSecond.charge(id, eps("1"), "b").orElseThrow();
        assertThat(spent.remaining()).isEqualByComparingTo("0");
        assertThat(spent.renewsAt()).contains(Instant.parse("2026-03-31T00:00:00Z"));
        assertThat(lastSecond.charge(id, eps("0.5"), "c").failure().code())
                .isEqualTo(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);

        PostgresPrivacyBudget nextDay = at("2026-03-31T00:00:00Z", "2", day);
        Remaining renewed = nextDay.remaining(org).orElseThrow();
        assertThat(renewed.spent()).isEqualByComparingTo("0");
        assertThat(renewed.total()).isEqualByComparingTo("2");
        assertThat(renewed.renewsAt()).contains(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(nextDay.charge(id, eps("1"), "d").orElseThrow().spent()).isEqualByComparingTo("1");
        assertThat(nextDay.charges(org, 10)).hasSize(3);
    }

    @Test
    void aShorterPeriodAfterALongerOne_beginsWhenTheLongerOneEnds_soTheyNeverOverlap() {
        String org = organisation();
        AccountId id = consumer();
        PostgresPrivacyBudget weekly = at("2026-05-02T12:00:00Z", "1", Duration.ofDays(7));
        weekly.assign(id, org).orElseThrow();
        Remaining week = weekly.charge(id, eps("1"), "weekly").orElseThrow();

        assertThat(at("2026-05-03T12:00:00Z", "1", Duration.ofDays(1)).charge(id, eps("1"), "still in the week")
                .failure().code()).isEqualTo(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);
        PostgresPrivacyBudget daily = new PostgresPrivacyBudget(db.jdbi(),
                Clock.fixed(week.renewsAt().orElseThrow(), ZoneOffset.UTC), BigDecimal.ONE, eps("1"),
                Duration.ofDays(1));
        assertThat(daily.charge(id, eps("1"), "next period").isOk()).isTrue();
    }

    @Test
    void theSchemaRefusesResetsOverspendingAndLedgerEdits() {
        String org = organisation();
        AccountId id = consumerOf(org);
        budget.charge(id, eps("2"), "q").orElseThrow();
        for (String sql : List.of("UPDATE privacy_period SET spent = 0 WHERE organisation = :org",
                "UPDATE privacy_period SET spent = total + 1 WHERE organisation = :org",
                "UPDATE privacy_period SET total = 100 WHERE organisation = :org",
                "UPDATE privacy_period SET period_end = period_end + interval '1 day' WHERE organisation = :org",
                "DELETE FROM privacy_period WHERE organisation = :org",
                "DELETE FROM privacy_budget WHERE organisation = :org",
                "UPDATE privacy_charge SET epsilon = 0.1 WHERE organisation = :org",
                "DELETE FROM privacy_charge WHERE organisation = :org",
                "UPDATE privacy_account SET organisation = organisation WHERE organisation = :org",
                "DELETE FROM privacy_account WHERE organisation = :org")) {
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.createUpdate(sql).bind("org", org).execute()))
                    .as(sql)
                    .isNotNull();
        }
        assertThat(budget.remaining(org).orElseThrow().spent()).isEqualByComparingTo("2");
        assertThat(budget.charges(org, 10)).singleElement()
                .satisfies(c -> assertThat(c.epsilon()).isEqualByComparingTo("2"));
    }

    @Test
    void aRemoteRequestersCharge_drawsOnTheSameOrganisationBudget_andIsKeptWithTheRequester() {
        String org = organisation();
        AccountId local = consumerOf(org);
        String remote = "0x" + "ab".repeat(20) + "@0x" + "cd".repeat(20);

        assertThat(budget.chargeOrganisation(org, remote, eps("4"), "digest-remote").orElseThrow().remaining())
                .isEqualByComparingTo("6.0");
        assertThat(budget.charge(local, eps("4"), "digest-local").orElseThrow().remaining())
                .isEqualByComparingTo("2.0");
        assertThat(budget.chargeOrganisation(org, remote, eps("4"), "digest-remote").failure().code())
                .isEqualTo(ErrorCode.PRIVACY_BUDGET_EXHAUSTED);

        List<Charge> ledger = budget.charges(org, 10);
        assertThat(ledger).hasSize(2);
        assertThat(ledger.get(1).remoteRequester()).contains(remote);
        assertThat(ledger.get(1).account()).isNull();
        assertThat(ledger.get(0).account()).isEqualTo(local);
        assertThat(ledger.get(0).remoteRequester()).isEmpty();
    }

    @Test
    void aRemoteRequestersChargeForAnOrganisationNeverSeen_opensItsBudgetAtThisNode() {
        String org = organisation();
        assertThat(budget.remaining(org)).isEmpty();
        assertThat(budget.chargeOrganisation(org, "0x" + "ef".repeat(20), eps("1"), "d").orElseThrow().remaining())
                .isEqualByComparingTo("9.0");
        assertThat(budget.chargeOrganisation(org, " ", eps("1"), "d").failure().code())
                .as("a remote charge names its requester").isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
