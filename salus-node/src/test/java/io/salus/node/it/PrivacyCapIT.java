package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attack: two counts at a large epsilon ("all" and "all but the target") tell whether the target is in the data
 * almost surely, and an organisation that may spend without limit can average any noise away. The node refuses a
 * count or a deal match above the per-query cap before charging anything, and refuses what no longer fits in the
 * organisation's budget of the period. (The test node's cap is 4 and its budget 100: {@link TestNodes}; the defaults
 * are 1 and 2.)
 */
class PrivacyCapIT {
    private static final BigDecimal CAP = new BigDecimal(DealWorld.STRONG_EPSILON);

    @Test
    void aCountOrAMatchAboveThePerQueryCap_isRefusedAndChargesNothing_andTheBudgetRunsOutWithinThePeriod() {
        DealWorld world = new DealWorld(new Api(TestNodes.shared()), "Capped");
        String above = CAP.add(BigDecimal.ONE).toPlainString();

        count(world, above).then().statusCode(422).body("code", equalTo("SALUS-1300"));
        String dealId = world.postOk(DealWorld.deal(DealWorld.freshBase(), 20, Instant.now().plus(1,
                ChronoUnit.HOURS)));
        world.match(dealId, above).then().statusCode(422).body("code", equalTo("SALUS-1300"));

        BigDecimal total = new BigDecimal(TestNodes.TEST_BUDGET);
        BigDecimal left = remaining(count(world, CAP.toPlainString()));
        assertThat(left).as("only the count at the cap was charged").isEqualByComparingTo(total.subtract(CAP));
        while (left.compareTo(CAP) >= 0) {
            left = remaining(count(world, CAP.toPlainString()));
        }
        count(world, CAP.toPlainString()).then().statusCode(429).body("code", equalTo("SALUS-0500"));
        world.match(dealId, CAP.toPlainString()).then().statusCode(429).body("code", equalTo("SALUS-0500"));
    }

    private static Response count(DealWorld world, String epsilon) {
        return given().baseUri(world.api.url).auth().oauth2(world.lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", Map.of("age", Map.of("min", 0, "max", 150)), "categories",
                        List.of("VITAL_SIGNS"), "purpose", "HRESCH", "epsilon", epsilon))
                .post("/cohorts/count");
    }

    private static BigDecimal remaining(Response r) {
        r.then().statusCode(200);
        return new BigDecimal(r.<String>path("remainingBudget"));
    }
}
