package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.salus.node.wiring.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public account look-ups return only what a counterparty needs (issue 13, item 8): anyone sees an account's id,
 * kind, address and DID, an institution's or professional's name, and the attestations in force; a person's name,
 * creation times and attestation history are for the owner and the operator.
 */
class PublicLookupIT {
    static Node node;
    static Api api;
    static ConsentRequests consent;

    @BeforeAll
    static void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
    }

    @Test
    void publicAccountLookup_doesNotRevealAPersonsNameOrWhenTheAccountWasOpened() {
        Api.Acct patient = api.open("PATIENT", "Jane Private Doe");
        Map<String, Object> seen = given().baseUri(api.url).get("/accounts/" + patient.id()).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(seen).containsOnlyKeys("id", "kind", "address", "did");
        Api.Acct stranger = api.open("CONSUMER", "Curious consumer");
        Map<String, Object> byStranger = api.get(stranger, "/accounts/" + patient.id()).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(byStranger).doesNotContainKeys("displayName", "createdAt");

        api.get(patient, "/accounts/" + patient.id()).then().statusCode(200)
                .body("displayName", equalTo("Jane Private Doe"));
        given().baseUri(api.url).auth().oauth2(api.operatorToken).get("/accounts/" + patient.id()).then()
                .statusCode(200).body("displayName", equalTo("Jane Private Doe"));
        given().baseUri(api.url).get("/accounts/" + stranger.id()).then().statusCode(200)
                .body("displayName", equalTo("Curious consumer"));
        given().baseUri(api.url).auth().oauth2("salus_not_a_token").get("/accounts/" + patient.id()).then()
                .statusCode(401);
    }

    @Test
    void publicAttestationLookup_showsOnlyTheAttestationsInForce_withoutTheirHistory() {
        Api.Acct issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        Api.Acct lab = api.open("CONSUMER", "Lab with a revoked attestation");
        long revoked = consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH");
        consent.revokeAttestation(issuer, revoked);
        consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH", "CLINTRCH");

        List<Map<String, Object>> seen = given().baseUri(api.url).get("/accounts/" + lab.id() + "/attestations")
                .then().statusCode(200).extract().path("attestations");
        assertThat(seen).singleElement().satisfies(a -> {
            assertThat(a).containsOnlyKeys("issuer", "type", "purposes", "validUntil");
            assertThat(a.get("purposes")).isEqualTo(List.of("HRESCH", "CLINTRCH"));
        });
        List<Map<String, Object>> own = api.get(lab, "/accounts/" + lab.id() + "/attestations").then()
                .statusCode(200).extract().path("attestations");
        assertThat(own).hasSize(2).anySatisfy(a -> assertThat(a).containsKey("revokedAtBlock"));
    }
}
