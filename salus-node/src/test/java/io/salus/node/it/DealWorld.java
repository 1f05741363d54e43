package io.salus.node.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
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

/**
 * A deal's world through the API: a lab attested for research by a trusted issuer, in an organisation of its own,
 * funded; a hospital; and cohorts of consenting patients whose heart rates lie in a range only this test uses, so a
 * criterion selects exactly them. A released cohort size reaches the threshold (11) only for a cohort well above it:
 * tests of delivery use at least 14 patients and ε 4 (P[noisy < 11] below 10^-6).
 */
final class DealWorld {
    static final String STRONG_EPSILON = "4";
    final Api api;
    final ConsentRequests consent;
    final Api.Acct issuer;
    final Api.Acct lab;
    final Api.Acct hospital;
    final String organisation;

    DealWorld(Api api, String name) {
        this.api = api;
        this.consent = new ConsentRequests(api);
        this.issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        this.lab = api.open("CONSUMER", name + " lab");
        consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH");
        this.organisation = name + " " + UUID.randomUUID();
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("organisation", organisation)).put("/accounts/" + lab.id() + "/organisation").then()
                .statusCode(200);
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 1_000_000_000_000L)).post("/accounts/" + lab.id() + "/tokens").then()
                .statusCode(200);
        this.hospital = api.open("HOSPITAL", name + " hospital");
    }

    /** A unique heart-rate range start for a test's cohort. */
    static int freshBase() {
        return 20_000 + new java.security.SecureRandom().nextInt(4_000_000) * 10;
    }

    /** {@code n} patients with two heart rates in [base, base+2), each consenting (VITAL_SIGNS, HRESCH) at minPrice. */
    List<Api.Acct> cohort(String name, int base, int n, long minPrice) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Acct>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                made.add(pool.submit(() -> patient(name + " " + k, base, minPrice)));
            }
            List<Api.Acct> out = new ArrayList<>();
            for (Future<Api.Acct> f : made) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("cannot make the cohort: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    Api.Acct patient(String name, int base, long minPrice) {
        Api.Acct p = api.open("PATIENT", name);
        api.link(p, hospital);
        api.deposit(hospital, p, ErasureBundles.heartRates(name, base, 2), null).then().statusCode(201);
        grant(p, minPrice).then().statusCode(201);
        return p;
    }

    Response grant(Api.Acct p, long minPrice) {
        return given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("ACADEMIC_RESEARCHER"),
                        "purposes", List.of("HRESCH"), "validUntil", Instant.now().plus(30, ChronoUnit.DAYS)
                                .toString(),
                        "minPrice", minPrice))
                .post("/patients/" + p.id() + "/consents");
    }

    /** Criteria selecting heart rates in [base, base+8). */
    static Map<String, Object> criteria(int base) {
        return Map.of("all", List.of(
                Map.of("observation", Map.of("system", "loinc", "code", "8867-4", "value", Map.of(">=", base))),
                Map.of("observation", Map.of("system", "loinc", "code", "8867-4", "value", Map.of("<", base + 8)))));
    }

    static Map<String, Object> deal(int base, int maxPatients, Instant deadline) {
        return Map.of("criteria", criteria(base), "categories", List.of("VITAL_SIGNS"), "purpose", "HRESCH",
                "pricePerPatient", 1_000_000L, "maxPatients", maxPatients, "deadline", deadline.toString(), "split",
                Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500, "operator", 1000));
    }

    Response post(Map<String, Object> deal) {
        return given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON).body(deal)
                .post("/deals");
    }

    String postOk(Map<String, Object> deal) {
        Response r = post(deal);
        r.then().statusCode(201);
        return r.path("dealId");
    }

    Response match(String dealId, String epsilon) {
        var spec = given().baseUri(api.url).auth().oauth2(lab.token());
        if (epsilon != null) {
            spec = spec.contentType(ContentType.JSON).body(Map.of("epsilon", epsilon));
        }
        return spec.post("/deals/" + dealId + "/match");
    }

    Response deliver(String dealId) {
        return given().baseUri(api.url).auth().oauth2(lab.token()).post("/deals/" + dealId + "/deliver");
    }

    Response asLab(String path) {
        return given().baseUri(api.url).auth().oauth2(lab.token()).get(path);
    }

    /** What an account earned: its wallet plus its claim addresses. */
    Map<String, Object> earnings(Api.Acct a) {
        return given().baseUri(api.url).auth().oauth2(api.operatorToken).get("/accounts/" + a.id() + "/earnings")
                .then().statusCode(200).extract().as(new io.restassured.common.mapper.TypeRef<Map<String, Object>>() {
                });
    }

    long balance(Api.Acct a) {
        return ((Number) earnings(a).get("balance")).longValue();
    }
}
