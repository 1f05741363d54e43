package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.crypto.PackageCrypto;
import io.salus.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A data deal end to end on the real engines: discovery with differential privacy and a budget, a funded escrow, the
 * cohort matched on consent and price and committed on chain, a revocation between match and delivery excluding the
 * patient, a de-identified package encrypted to the consumer, and a settlement split among the roles.
 */
class DealFlowIT {
    static Api api;
    static ConsentRequests consent;
    static Api.Acct hospital;
    static Api.Acct lab;
    static Api.Acct issuer;

    @BeforeAll
    static void setUp() {
        api = new Api(TestNodes.shared());
        consent = new ConsentRequests(api);
        issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        lab = api.open("CONSUMER", "Deal lab");
        consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH");
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("organisation", "Deal lab university")).put("/accounts/" + lab.id() + "/organisation")
                .then().statusCode(200);
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 1_000_000_000L)).post("/accounts/" + lab.id() + "/tokens").then()
                .statusCode(200);
        hospital = api.open("HOSPITAL", "Deal hospital");
    }

    static Api.Acct patient(int fixture, long minPrice) throws Exception {
        Api.Acct p = api.open("PATIENT", "Deal patient " + fixture);
        api.link(p, hospital);
        api.deposit(hospital, p, Fixtures.bytes(Fixtures.syntheaBundles().get(fixture)), null).then().statusCode(201);
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS", "LAB_RESULTS"), "consumerTypes",
                        List.of("ACADEMIC_RESEARCHER"), "purposes", List.of("HRESCH"), "validUntil",
                        Instant.now().plus(30, ChronoUnit.DAYS).toString(), "minPrice", minPrice))
                .post("/patients/" + p.id() + "/consents").then().statusCode(201);
        return p;
    }

    static Map<String, Object> deal(int maxPatients) {
        return Map.of("criteria", Map.of("age", Map.of("min", 0, "max", 150)), "categories",
                List.of("VITAL_SIGNS", "LAB_RESULTS"), "purpose", "HRESCH", "pricePerPatient", 1_000_000L,
                "maxPatients", maxPatients, "deadline", Instant.now().plus(1, ChronoUnit.HOURS).toString(), "split",
                Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500, "operator", 1000));
    }

    @Test
    void aDealMatchesOnConsentAndPriceExcludesARevokerDeliversAnEncryptedPackageAndSplitsThePayment()
            throws Exception {
        Api.Acct paid = patient(1, 100);
        Api.Acct revoker = patient(2, 100);
        Api.Acct tooExpensive = patient(3, 50_000_000);

        Response count = given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", Map.of("age", Map.of("min", 0, "max", 150)), "categories",
                        List.of("VITAL_SIGNS"), "purpose", "HRESCH", "epsilon", "0.5"))
                .post("/cohorts/count");
        count.then().statusCode(200).body("remainingBudget", equalTo("1.5"));

        Response posted = given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON)
                .body(deal(10)).post("/deals");
        posted.then().statusCode(201).body("status", equalTo("POSTED"));
        String dealId = posted.path("dealId");

        Response matched = given().baseUri(api.url).auth().oauth2(lab.token()).post("/deals/" + dealId + "/match");
        matched.then().statusCode(200).body("status", equalTo("MATCHED"));
        assertThat((Integer) matched.path("cohortSize")).isGreaterThanOrEqualTo(2);

        long grant = ((Number) api.get(revoker, "/patients/" + revoker.id() + "/consents")
                .path("grants[0].grantId")).longValue();
        consent.revoke(revoker, grant).then().statusCode(200);

        Response delivered = given().baseUri(api.url).auth().oauth2(lab.token())
                .post("/deals/" + dealId + "/deliver");
        delivered.then().statusCode(200).body("status", equalTo("SETTLED"));
        assertThat((Integer) delivered.path("delivered")).isEqualTo((Integer) matched.path("cohortSize") - 1);
        assertThat((String) delivered.path("packageHash")).startsWith("0x");

        byte[] sealed = given().baseUri(api.url).auth().oauth2(lab.token()).get("/deals/" + dealId + "/package")
                .then().statusCode(200).extract().asByteArray();
        String encKey = given().baseUri(api.url).auth().oauth2(lab.token()).post("/accounts/me/key-export").then()
                .statusCode(200).extract().path("encryptionPrivateKey");
        byte[] zip = PackageCrypto.decrypt(sealed, HexFormat.of().parseHex(encKey.substring(2))).orElseThrow();
        boolean sawObservations = false;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                String text = new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                sawObservations |= e.getName().startsWith("Observation") && text.contains("\"resourceType\"");
                assertThat(text).doesNotContain("Lindgren").doesNotContain("Kihn");
            }
        }
        assertThat(sawObservations).isTrue();

        assertThat(balance(paid)).isEqualTo(650_000L);
        assertThat(balance(revoker)).isZero();
        assertThat(balance(tooExpensive)).isZero();
        assertThat(balance(hospital)).isPositive();
    }

    @Test
    void malformedCriteriaOrTermsAreRefusedAndNothingGoesOnChain() {
        Map<String, Object> bad = new java.util.HashMap<>(deal(5));
        bad.put("criteria", Map.of("condition", Map.of("system", "nosuch", "code", "1")));
        given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON).body(bad).post("/deals")
                .then().statusCode(400).body("operationOutcome.issue[0].expression[0]",
                        org.hamcrest.Matchers.containsString("system"));
        Map<String, Object> split = new java.util.HashMap<>(deal(5));
        split.put("split", Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500,
                "operator", 999));
        given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON).body(split).post("/deals")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", Map.of("age", Map.of("min", 0)), "categories", List.of("VITAL_SIGNS"),
                        "purpose", "HRESCH", "epsilon", "-1"))
                .post("/cohorts/count").then().statusCode(422).body("code", equalTo("SALUS-0501"));
    }

    private static long balance(Api.Acct a) {
        return ((Number) given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .get("/accounts/" + a.id() + "/earnings").then().statusCode(200).extract().path("balance"))
                .longValue();
    }
}
