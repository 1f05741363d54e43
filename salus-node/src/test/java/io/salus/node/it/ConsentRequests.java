package io.salus.node.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Consent requests against a node's HTTP API for the integration tests: trust, attest, grant, revoke, delegate,
 * access. It only speaks HTTP; consent values for the other tests come from {@code io.salus.testkit.data.ConsentFixtures}.
 */
final class ConsentRequests {
    final Api api;

    ConsentRequests(Api api) {
        this.api = api;
    }

    Api.Acct trustedIssuer(String... types) {
        Api.Acct issuer = api.open("ISSUER", "Ethics board");
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("types", List.of(types))).put("/issuers/" + issuer.id() + "/trust").then().statusCode(200);
        return issuer;
    }

    long attest(Api.Acct issuer, Api.Acct subject, String type, String... purposes) {
        Response r = given().baseUri(api.url).auth().oauth2(issuer.token()).contentType(ContentType.JSON)
                .body(Map.of("subjectId", subject.id(), "type", type, "purposes", List.of(purposes), "validUntil",
                        Instant.now().plus(365, ChronoUnit.DAYS).toString()))
                .post("/attestations");
        r.then().statusCode(201);
        return ((Number) r.path("attestationId")).longValue();
    }

    void revokeAttestation(Api.Acct issuer, long id) {
        given().baseUri(api.url).auth().oauth2(issuer.token()).delete("/attestations/" + id).then().statusCode(200);
    }

    Response grant(Api.Acct actor, Api.Acct patient, List<String> categories, List<String> types,
            List<String> purposes, Instant from, Instant until) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", categories, "consumerTypes", types, "purposes", purposes, "validFrom",
                        from.toString(), "validUntil", until.toString()))
                .post("/patients/" + patient.id() + "/consents");
    }

    long grantOk(Api.Acct patient, List<String> categories, List<String> types, List<String> purposes) {
        Response r = grant(patient, patient, categories, types, purposes, Instant.now().minusSeconds(60),
                Instant.now().plus(30, ChronoUnit.DAYS));
        r.then().statusCode(201);
        return ((Number) r.path("grantId")).longValue();
    }

    Response revoke(Api.Acct actor, long grantId) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).delete("/consents/" + grantId);
    }

    Response delegate(Api.Acct patient, Api.Acct delegate, List<String> scopes) {
        return given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("scopes", scopes, "validUntil", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .put("/patients/" + patient.id() + "/delegations/" + delegate.id());
    }

    Response access(Api.Acct requester, Api.Acct patient, String purpose, String... categories) {
        return given().baseUri(api.url).auth().oauth2(requester.token()).contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "categories", List.of(categories)))
                .post("/patients/" + patient.id() + "/access");
    }

    List<Map<String, Object>> accessLog(Api.Acct patient) {
        return given().baseUri(api.url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/access-log")
                .then().statusCode(200).extract().path("entries");
    }
}
