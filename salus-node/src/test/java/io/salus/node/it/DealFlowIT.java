package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.crypto.PackageCrypto;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A data deal end to end on the real engines: discovery, a funded escrow whose split meets the policy, a match that
 * releases only a noisy cohort size and admits a patient only when their own net share meets their minimum price, a
 * revocation between match and delivery excluding the patient, a package whose key the settlement releases on chain,
 * and a settlement paying each patient at a per-deal claim address.
 */
class DealFlowIT {
    static DealWorld world;

    @BeforeAll
    static void setUp() {
        world = new DealWorld(new Api(TestNodes.shared()), "Deal flow");
    }

    @Test
    void aDealMatchesOnConsentAndNetShare_excludesARevoker_releasesItsKeyOnlyBySettlement_andPaysClaimAddresses()
            throws Exception {
        int base = DealWorld.freshBase();
        List<Api.Acct> paid = world.cohort("Flow patient", base, 14, 100);
        Api.Acct revoker = world.patient("Flow revoker", base, 100);
        Api.Acct overNetShare = world.patient("Flow over the net share", base, 700_000);

        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        Response matched = world.match(dealId, DealWorld.STRONG_EPSILON);
        matched.then().statusCode(200).body("status", equalTo("MATCHED")).body("epsilon", equalTo("4"));
        assertThat((String) matched.path("cohortSize")).matches("\\d+");
        assertThat(matched.jsonPath().getMap("$")).doesNotContainKey("delivered");
        world.asLab("/deals/" + dealId + "/package").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        world.asLab("/deals/" + dealId + "/key").then().statusCode(409).body("code", equalTo("SALUS-1204"));

        long grant = ((Number) world.api.get(revoker, "/patients/" + revoker.id() + "/consents")
                .path("grants[0].grantId")).longValue();
        world.consent.revoke(revoker, grant).then().statusCode(200);

        Response delivered = world.deliver(dealId);
        delivered.then().statusCode(200).body("status", equalTo("SETTLED")).body("chain.status", equalTo("SETTLED"));
        assertThat((Integer) delivered.path("delivered")).isEqualTo(14);
        assertThat((String) delivered.path("packageHash")).startsWith("0x");

        byte[] sealed = world.asLab("/deals/" + dealId + "/package").then().statusCode(200).extract().asByteArray();
        String encKey = given().baseUri(world.api.url).auth().oauth2(world.lab.token())
                .post("/accounts/me/key-export").then().statusCode(200).extract().path("encryptionPrivateKey");
        byte[] zip = PackageCrypto.decrypt(sealed, HexFormat.of().parseHex(encKey.substring(2))).orElseThrow();
        assertThat(io.salus.core.merkle.Hashing.keccak256(zip).hex()).isEqualTo(delivered.path("packageHash"));
        int patientsInPackage = 0;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                String text = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("Patient.ndjson")) {
                    patientsInPackage = (int) text.lines().count();
                }
                assertThat(text).doesNotContain("Flow patient");
            }
        }
        assertThat(patientsInPackage).isEqualTo(14);
        world.asLab("/deals/" + dealId + "/key").then().statusCode(200).body("wrappedKey",
                org.hamcrest.Matchers.startsWith("0x"));

        for (Api.Acct p : paid) {
            Map<String, Object> e = world.earnings(p);
            assertThat(((Number) e.get("claimable")).longValue()).as("net share at a claim address")
                    .isEqualTo(650_000L);
            assertThat(((Number) e.get("wallet")).longValue()).as("nothing at the registered address").isZero();
            long paidIn = ((List<?>) e.get("payments")).stream()
                    .mapToLong(m -> ((Number) ((Map<?, ?>) m).get("amount")).longValue()).sum();
            assertThat(paidIn).as("the payments, read from the deal event projection, add up to what the claim "
                    + "address holds").isEqualTo(650_000L);
        }
        Api.Acct first = paid.get(0);
        Api.Acct other = paid.get(1);
        given().baseUri(world.api.url).auth().oauth2(other.token()).get("/accounts/" + first.id() + "/earnings").then()
                .statusCode(403);
        given().baseUri(world.api.url).auth().oauth2(first.token() + "x").get("/accounts/" + first.id() + "/earnings")
                .then().statusCode(401);
        assertThat(world.balance(revoker)).isZero();
        assertThat(world.balance(overNetShare)).as("gross price meets 700,000, the net share 650,000 does not")
                .isZero();
        assertThat(world.balance(world.hospital)).isEqualTo(14 * 200_000L);

        world.deliver(dealId).then().statusCode(200).body("status", equalTo("SETTLED"));
        assertThat(world.balance(paid.get(0))).as("a repeated delivery pays nobody twice").isEqualTo(650_000L);
    }

    @Test
    void aSplitGivingThePatientNothing_isRefusedByTheNode_andNothingGoesOnChain() {
        Map<String, Object> greedy = new HashMap<>(DealWorld.deal(DealWorld.freshBase(), 5,
                Instant.now().plus(1, ChronoUnit.HOURS)));
        greedy.put("split", Map.of("patient", 0, "providers", 0, "caregiver", 0, "daoTreasury", 0, "operator",
                10_000));
        world.post(greedy).then().statusCode(422).body("code", equalTo("SALUS-1200"));
        Map<String, Object> below = new HashMap<>(greedy);
        below.put("split", Map.of("patient", 5000, "providers", 2000, "caregiver", 1000, "daoTreasury", 1000,
                "operator", 1000));
        world.post(below).then().statusCode(422).body("code", equalTo("SALUS-1200"));
        given().baseUri(world.api.url).get("/deal-policy").then().statusCode(200).body("minPatient", equalTo(6000));
    }

    @Test
    void aDealWithoutASplit_takesThePolicysDefault_andAnEscrowBelowTheMinimumIsRefused() {
        Map<String, Object> noSplit = new HashMap<>(DealWorld.deal(DealWorld.freshBase(), 5,
                Instant.now().plus(1, ChronoUnit.HOURS)));
        noSplit.remove("split");
        world.post(noSplit).then().statusCode(201).body("split.patient", org.hamcrest.Matchers
                .greaterThanOrEqualTo(6000));
        Map<String, Object> tiny = new HashMap<>(noSplit);
        tiny.put("pricePerPatient", 1_000L);
        tiny.put("maxPatients", 1);
        world.post(tiny).then().statusCode(422).body("code", equalTo("SALUS-1202"));
    }

    @Test
    void malformedCriteriaOrTermsAreRefusedAndNothingGoesOnChain() {
        Map<String, Object> bad = new HashMap<>(DealWorld.deal(1, 5, Instant.now().plus(1, ChronoUnit.HOURS)));
        bad.put("criteria", Map.of("condition", Map.of("system", "nosuch", "code", "1")));
        world.post(bad).then().statusCode(400).body("operationOutcome.issue[0].expression[0]",
                org.hamcrest.Matchers.containsString("system"));
        Map<String, Object> split = new HashMap<>(DealWorld.deal(1, 5, Instant.now().plus(1, ChronoUnit.HOURS)));
        split.put("split", Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500,
                "operator", 999));
        world.post(split).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().baseUri(world.api.url).auth().oauth2(world.lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", Map.of("age", Map.of("min", 0)), "categories", List.of("VITAL_SIGNS"),
                        "purpose", "HRESCH", "epsilon", "-1"))
                .post("/cohorts/count").then().statusCode(422).body("code", equalTo("SALUS-0501"));
    }

    @Test
    void operatorAndIssuerAccounts_cannotExportTheirKeys() {
        given().baseUri(world.api.url).auth().oauth2(world.api.operatorToken).post("/accounts/me/key-export")
                .then().statusCode(403).body("code", equalTo("SALUS-1209"));
        given().baseUri(world.api.url).auth().oauth2(world.issuer.token()).post("/accounts/me/key-export")
                .then().statusCode(403).body("code", equalTo("SALUS-1209"));
    }
}
