package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incentive credits on a real node and chain: a settled deal funds a period's pools with the stated shares of its
 * DAO-treasury and operator payments (never more), the cohort is credited for holding and for use, and a patient spends
 * credits on a risk report once per key; nobody credits themselves, redeems twice or spends another's credits.
 */
class CreditLedgerIT {
    private static DealWorld world;
    private static List<Api.Acct> cohort;
    private static JsonPath period;

    @BeforeAll
    static void aSettledDealAndAClosedPeriod() {
        world = new DealWorld(new Api(TestNodes.shared()), "Credits");
        int base = DealWorld.freshBase();
        cohort = world.cohort("Credit patient", base, 12, 100);
        String dealId = world.postOk(DealWorld.deal(base, 12, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        world.deliver(dealId).then().statusCode(200).body("status", equalTo("SETTLED"));
        period = close(world.api.operatorToken, Instant.now()).then().statusCode(201).extract().jsonPath();
    }

    static Response close(String token, Instant end) {
        return given().baseUri(world.api.url).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("end",
                end.toString())).post("/credit-periods");
    }

    static JsonPath credits(Api.Acct who, Api.Acct patient) {
        return world.api.get(who, "/patients/" + patient.id() + "/credits").then().statusCode(200).extract()
                .jsonPath();
    }

    static Response order(Api.Acct who, Api.Acct patient, String key) {
        return given().baseUri(world.api.url).auth().oauth2(who.token()).header("Idempotency-Key", key).post(
                "/patients/" + patient.id() + "/risk-reports");
    }

    @Test
    void thePoolsAreTheStatedShareOfWhatSettled_andNothingIsPaidBeyondThem() {
        long treasury = period.getLong("treasurySettled");
        long fees = period.getLong("feesSettled");
        // this deal alone: 12 patients x 1,000,000 x 5 % to the treasury and 10 % to the operator
        assertThat(treasury).isGreaterThanOrEqualTo(600_000);
        assertThat(fees).isGreaterThanOrEqualTo(1_200_000);
        assertThat(period.getLong("holdingPool")).isEqualTo(treasury * 5000 / 10_000);
        assertThat(period.getLong("utilisationPool")).isEqualTo(fees * 5000 / 10_000);
        assertThat(period.getLong("holdingPaid")).isBetween(1L, period.getLong("holdingPool"));
        assertThat(period.getLong("utilisationPaid")).isBetween(1L, period.getLong("utilisationPool"));
    }

    @Test
    void theCohortIsCreditedForHoldingAndForUse_visibleInTheirEarnings() {
        JsonPath c = credits(cohort.getFirst(), cohort.getFirst());
        assertThat(c.getLong("balance")).isPositive();
        assertThat(c.getList("entries.kind", String.class)).contains("HOLDING", "UTILISATION");
        long sum = c.getList("entries.amount", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(sum).isEqualTo(c.getLong("balance"));
    }

    @Test
    void aPatientCannotCloseAPeriod_soCannotCreditThemselves_andAPeriodClosesOnce() {
        Api.Acct p = cohort.get(1);
        close(p.token(), Instant.now()).then().statusCode(403).body("code", equalTo("SALUS-0101"));
        close(world.api.operatorToken, Instant.parse(period.getString("end"))).then().statusCode(409).body("code",
                equalTo("SALUS-1886"));
        close(world.api.operatorToken, Instant.now().plus(1, ChronoUnit.HOURS)).then().statusCode(422).body("code",
                equalTo("SALUS-1885"));
    }

    @Test
    void aReportCostsItsPriceOncePerKey_evenWhenSentConcurrently() throws Exception {
        Api.Acct p = cohort.get(2);
        long before = credits(p, p).getLong("balance");
        long price = credits(p, p).getLong("riskReportPrice");
        assertThat(before).isGreaterThanOrEqualTo(price);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(pool.submit(() -> order(p, p, key).statusCode()));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : sent) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(credits(p, p).getLong("balance")).isEqualTo(before - price);
        Response again = order(p, p, key);
        again.then().statusCode(200).body("duplicate", equalTo(true));
        assertThat(credits(p, p).getLong("balance")).isEqualTo(before - price);
        assertThat(credits(p, p).getList("entries.kind", String.class)).containsOnlyOnce("REDEMPTION");
    }

    @Test
    void anotherPatientCannotSpendOrReadSomeoneElsesCredits_andAnEmptyBalanceBuysNothing() {
        Api.Acct p = cohort.get(3);
        Api.Acct thief = world.api.open("PATIENT", "Credit thief");
        long before = credits(p, p).getLong("balance");
        order(thief, p, UUID.randomUUID().toString()).then().statusCode(403).body("code", equalTo("SALUS-0101"));
        world.api.get(thief, "/patients/" + p.id() + "/credits").then().statusCode(403);
        assertThat(credits(p, p).getLong("balance")).isEqualTo(before);
        order(thief, thief, UUID.randomUUID().toString()).then().statusCode(409).body("code", equalTo("SALUS-1887"));
        order(p, p, "").then().statusCode(400);
    }
}
