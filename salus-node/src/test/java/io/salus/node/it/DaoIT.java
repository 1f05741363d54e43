package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patient data DAO through the API on a node of its own (its chain's clock is moved on): founded by the operator,
 * joined by patients with their verified accounts, a quadratic vote that raises the DAO's floor price, and the deals
 * before and after it: the first pays the members and the DAO's treasury their treasury parts, the next one at the old
 * price does not match them.
 */
class DaoIT {
    @TempDir
    static Path dir;
    static Node node;
    static Api api;
    static DealWorld world;

    @BeforeAll
    static void start() {
        node = TestNodes.start(dir);
        api = new Api(node);
        world = new DealWorld(api, "DAO study");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static Map<String, Object> charter(String name) {
        return Map.of("name", name, "terms", Map.of("floorPrice", 1_000_000, "consumerTypes",
                List.of("ACADEMIC_RESEARCHER"), "purposes", List.of("HRESCH"), "maxEpsilon", DealWorld.STRONG_EPSILON,
                "shareBps", 300), "governance",
                Map.of("votingDelaySeconds", 1, "votingPeriodSeconds", 60,
                        "quorumVotes", 3, "creditsPerPeriod", 100, "creditPeriodSeconds", 86_400,
                        "timelockDelaySeconds", 30));
    }

    static Response as(String token, Object body, String path) {
        var spec = given().baseUri(api.url).auth().oauth2(token);
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec.post(path);
    }

    /** The treasury part of one patient in {@link DealWorld#deal}: 5 % of 1 token. */
    static final int DAO_PART = 50_000;

    /**
     * Also: the first deal's treasury part of each of the 3 members (and of no one else) reaches the DAO's own
     * treasury, its timelock; the next deal, without them, adds nothing to it.
     */
    @Test
    void passedQuadraticVote_raisesTheFloor_andTheNextDealAtTheOldPriceNoLongerMatchesTheMembers() throws Exception {
        int base = DealWorld.freshBase();
        List<Api.Acct> cohort = world.cohort("DAO patient", base, 16, 100);
        List<Api.Acct> members = cohort.subList(0, 3);
        Api.Acct outsider = cohort.get(3);

        as(world.lab.token(), charter("not the operator's"), "/daos").then().statusCode(403);
        String daoId = as(api.operatorToken, charter("Heart rate patients"), "/daos").then().statusCode(201)
                .body("admission", equalTo("credential")).extract().path("daoId");
        for (Api.Acct m : members) {
            as(m.token(), null, "/daos/" + daoId + "/members").then().statusCode(201);
        }
        as(members.get(0).token(), null, "/daos/" + daoId + "/members").then().statusCode(409)
                .body("code", equalTo("SALUS-2201"));
        as(world.lab.token(), null, "/daos/" + daoId + "/members").then().statusCode(403);
        given().baseUri(api.url).auth().oauth2(world.lab.token()).get("/daos/" + daoId).then().statusCode(200)
                .body("members", equalTo(3)).body("terms.floorPrice", equalTo(1_000_000));

        String before = world.postOk(DealWorld.deal(base, 20, Instant.now().plusSeconds(3_600)));
        world.match(before, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        world.deliver(before).then().statusCode(200);
        long memberEarned = world.balance(members.get(0));
        long outsiderEarned = world.balance(outsider);
        assertThat(memberEarned).as("a member matched the first deal").isPositive();
        given().baseUri(api.url).auth().oauth2(members.get(0).token()).get("/daos/" + daoId).then().statusCode(200)
                .body("treasury.balance", equalTo(3 * DAO_PART)).body("treasury.history.size()", equalTo(1))
                .body("treasury.history[0].amount", equalTo(3 * DAO_PART))
                .body("treasury.history[0].dealId", equalTo(before));

        DeadlineAttackIT.travel(2, node);
        String proposal = as(members.get(0).token(), Map.of("changes", List.of("floorPrice=2000000"), "description",
                "Raise the floor to 2 tokens"), "/daos/" + daoId + "/proposals").then().statusCode(201).extract()
                .path("proposalId");
        DeadlineAttackIT.travel(2, node);
        String votes = "/daos/" + daoId + "/proposals/" + proposal + "/votes";
        as(members.get(0).token(), Map.of("support", "FOR", "votes", 11), votes).then().statusCode(422)
                .body("code", equalTo("SALUS-2204"));
        as(members.get(0).token(), Map.of("support", "FOR", "votes", 5), votes).then().statusCode(201);
        as(members.get(1).token(), Map.of("support", "FOR", "votes", 3), votes).then().statusCode(201);
        as(members.get(2).token(), Map.of("support", "AGAINST", "votes", 4), votes).then().statusCode(201);
        as(outsider.token(), Map.of("support", "AGAINST", "votes", 9), votes).then().statusCode(403)
                .body("code", equalTo("SALUS-2202"));
        DeadlineAttackIT.travel(61, node);
        as(outsider.token(), null, "/daos/" + daoId + "/proposals/" + proposal + "/queue").then().statusCode(200);
        DeadlineAttackIT.travel(31, node);
        as(outsider.token(), null, "/daos/" + daoId + "/proposals/" + proposal + "/execute").then()
                .statusCode(200);
        given().baseUri(api.url).auth().oauth2(world.lab.token()).get("/daos/" + daoId + "/proposals").then()
                .statusCode(200).body("proposals[0].state", equalTo("EXECUTED"))
                .body("proposals[0].votes.for", equalTo(8)).body("proposals[0].votes.against", equalTo(4));
        given().baseUri(api.url).auth().oauth2(world.lab.token()).get("/daos/" + daoId).then()
                .body("terms.floorPrice", equalTo(2_000_000));

        String after = world.postOk(DealWorld.deal(base, 20, Instant.now().plusSeconds(7_200)));
        world.match(after, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        world.deliver(after).then().statusCode(200);
        assertThat(world.balance(members.get(0))).as("below the DAO's new floor: its members are left out")
                .isEqualTo(memberEarned);
        assertThat(world.balance(outsider)).as("the deal still matched everyone else").isGreaterThan(outsiderEarned);
        given().baseUri(api.url).auth().oauth2(members.get(0).token()).get("/daos/" + daoId).then()
                .body("treasury.balance", equalTo(3 * DAO_PART)).body("treasury.history.size()", equalTo(1));
    }

    @Test
    void badFoundingsProofsAndProposals_areRefusedWithTheirCodes() {
        Map<String, Object> greedy = new java.util.HashMap<>(charter("greedy"));
        greedy.put("terms", Map.of("floorPrice", 1, "maxEpsilon", "1", "shareBps", 20_000));
        as(api.operatorToken, greedy, "/daos").then().statusCode(422).body("code", equalTo("SALUS-2209"));
        String daoId = as(api.operatorToken, charter("Validation patients"), "/daos").then().statusCode(201)
                .extract().path("daoId");
        List<String> zeros = java.util.Collections.nCopies(8, "0");
        as(api.operatorToken, Map.of("proof", zeros, "signals", java.util.Collections.nCopies(9, "0")),
                "/daos/" + daoId + "/members/proof").then().statusCode(422).body("code", equalTo("SALUS-2208"));
        as(api.operatorToken, Map.of("proof", List.of("1"), "signals", List.of()), "/daos/" + daoId
                + "/members/proof").then().statusCode(400);
        Api.Acct patient = api.open("PATIENT", "DAO validation patient");
        as(patient.token(), null, "/daos/" + daoId + "/members").then().statusCode(201);
        as(patient.token(), Map.of("changes", List.of("owner=0x00"), "description", "take over"), "/daos/" + daoId
                + "/proposals").then().statusCode(400);
        as(patient.token(), Map.of("support", "FOR", "votes", 1), "/daos/" + daoId + "/proposals/12345/votes")
                .then().statusCode(409).body("code", equalTo("SALUS-2206"));
        given().baseUri(api.url).auth().oauth2(patient.token()).get("/daos/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).body("code", equalTo("SALUS-2200"));
    }
}
