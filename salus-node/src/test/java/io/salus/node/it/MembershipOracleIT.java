package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The membership oracle of issue 12: a consumer posts one-patient deals whose criteria single out a person (a heart
 * rate no one else has), once for a patient who consents and once for a value nobody has, and compares what it sees.
 * Both matches cost their ε, both answer "fewer than 11", neither commits anything on chain, neither can be delivered:
 * the consumer learns nothing beyond the ε-DP release it paid for (the release itself is tested against differencing
 * attacks in DifferencingAttackTest). An empty cohort and a small one look the same.
 */
class MembershipOracleIT {
    static DealWorld world;

    @BeforeAll
    static void setUp() {
        world = new DealWorld(new Api(TestNodes.shared()), "Oracle");
    }

    @Test
    void onePatientDeals_withIsolatingCriteria_learnNothing_andEachMatchIsCharged() {
        int present = DealWorld.freshBase();
        int absent = DealWorld.freshBase();
        world.patient("Oracle target", present, 100);
        Instant deadline = Instant.now().plus(1, ChronoUnit.HOURS);
        String withTarget = world.postOk(DealWorld.deal(present, 1, deadline));
        String withoutTarget = world.postOk(DealWorld.deal(absent, 1, deadline));

        Response a = world.match(withTarget, "1.0");
        Response b = world.match(withoutTarget, "1.0");

        for (Response r : List.of(a, b)) {
            r.then().statusCode(200).body("status", equalTo("SUPPRESSED")).body("cohortSize",
                    equalTo("fewer than 11")).body("epsilon", equalTo("1"));
        }
        String left = a.path("remainingBudget");
        String leftAfter = b.path("remainingBudget");
        assertThat(new BigDecimal(left).subtract(new BigDecimal(leftAfter))).as("each match is charged its epsilon")
                .isEqualByComparingTo("1.0");
        assertThat(observable(a)).isEqualTo(observable(b));
        for (String deal : List.of(withTarget, withoutTarget)) {
            world.deliver(deal).then().statusCode(409).body("code", equalTo("SALUS-1205"));
            world.asLab("/deals/" + deal).then().statusCode(200).body("chain.status", equalTo("OPEN"))
                    .body("transactions.kind", equalTo(List.of("post")));
            world.asLab("/deals/" + deal + "/package").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        }
    }

    /** What the consumer sees of a match, less what differs by construction (ids, criteria, budget left). */
    private static Map<String, Object> observable(Response r) {
        Map<String, Object> m = new HashMap<>(r.jsonPath().getMap("$"));
        for (String k : List.of("dealId", "criteriaCommitment", "criteriaSalt", "transactions", "remainingBudget")) {
            m.remove(k);
        }
        return m;
    }
}
