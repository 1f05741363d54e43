package io.salus.node.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A thin client of a node's HTTP API for the integration tests. */
final class Api {
    final String url;
    final String operatorToken;

    Api(Node node) {
        this(node.apiUrl(), TestNodes.operatorToken(node));
    }

    Api(String url, String operatorToken) {
        this.url = url;
        this.operatorToken = operatorToken;
    }

    record Acct(String id, String token, String address) {
    }

    Acct open(String kind, String name) {
        Response r = given().baseUri(url).auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "displayName", name)).post("/accounts");
        r.then().statusCode(201);
        return new Acct(r.path("id"), r.path("apiToken"), r.path("address"));
    }

    void link(Acct patient, Acct provider) {
        given().baseUri(url).auth().oauth2(patient.token())
                .put("/patients/" + patient.id() + "/providers/" + provider.id()).then().statusCode(200);
    }

    Response deposit(Acct author, Acct patient, byte[] bundle, String idempotencyKey) {
        var spec = given().baseUri(url).auth().oauth2(author.token()).contentType("application/fhir+json")
                .body(bundle);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.post("/patients/" + patient.id() + "/bundles");
    }

    List<Map<String, Object>> records(Acct patient) {
        return given().baseUri(url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/records")
                .then().statusCode(200).extract().path("records");
    }

    /** Waits (bounded) until every record of the patient is anchored; returns them. */
    List<Map<String, Object>> awaitAnchored(Acct patient, int expected, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<Map<String, Object>> rs = records(patient);
            if (rs.size() >= expected && rs.stream().allMatch(r -> Boolean.TRUE.equals(r.get("anchored")))) {
                return rs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("records not anchored within " + max + ": " + rs.size() + " of " + expected);
            }
            Thread.sleep(100);
        }
    }

    Response post(Acct who, String path) {
        return given().baseUri(url).auth().oauth2(who.token()).post(path);
    }

    Response get(Acct who, String path) {
        return given().baseUri(url).auth().oauth2(who.token()).get(path);
    }

    Map<String, Object> stats() {
        String body = given().baseUri(url).auth().oauth2(operatorToken).get("/stats").then().statusCode(200)
                .extract().asString();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("stats are not JSON: " + body, e);
        }
    }
}
