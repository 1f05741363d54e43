package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A delegate with MANAGE_CONSENT stays inside its delegation (issue 13, item 3): it cannot grant a consent naming
 * itself or an organisation it belongs to, nor one lasting beyond its delegation, and what it granted stops counting
 * when the patient revokes the delegation.
 */
class DelegateEscalationIT {
    static Node node;
    static Api api;
    static ConsentRequests consent;

    @BeforeAll
    static void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
    }

    static Response grant(Api.Acct actor, Api.Acct patient, Instant until, String consumerAddress) {
        Map<String, Object> body = new HashMap<>(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes",
                List.of("ACADEMIC_RESEARCHER"), "purposes", List.of("HRESCH"), "validFrom",
                Instant.now().minusSeconds(60).toString(), "validUntil", until.toString()));
        if (consumerAddress != null) {
            body.put("consumerAddress", consumerAddress);
        }
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON).body(body)
                .post("/patients/" + patient.id() + "/consents");
    }

    static void refused(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    static void organisation(Api.Acct account, String org) {
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("organisation", org)).put("/accounts/" + account.id() + "/organisation").then()
                .statusCode(200);
    }

    @Test
    void delegateGrantNamingItself_isRefused() {
        Api.Acct p = api.open("PATIENT", "Patient of a self-serving delegate");
        Api.Acct carer = api.open("CAREGIVER", "Self-serving delegate");
        consent.delegate(p, carer, List.of("MANAGE_CONSENT")).then().statusCode(200);
        refused(grant(carer, p, Instant.now().plus(1, ChronoUnit.DAYS), carer.address()), 403, "SALUS-1351");
        api.get(p, "/patients/" + p.id() + "/consents").then().statusCode(200).body("grants.size()", equalTo(0));
    }

    @Test
    void delegateGrantNamingAnAccountOfItsOwnOrganisation_isRefused() {
        Api.Acct p = api.open("PATIENT", "Patient of a delegate working for a lab");
        Api.Acct carer = api.open("CAREGIVER", "Delegate employed by the lab");
        Api.Acct colleague = api.open("CONSUMER", "The delegate's colleague");
        Api.Acct outsider = api.open("CONSUMER", "A lab the delegate does not work for");
        String lab = "Delegate's lab " + UUID.randomUUID();
        organisation(carer, lab);
        organisation(colleague, lab);
        organisation(outsider, "Another lab " + UUID.randomUUID());
        consent.delegate(p, carer, List.of("MANAGE_CONSENT")).then().statusCode(200);
        Instant until = Instant.now().plus(1, ChronoUnit.DAYS);

        refused(grant(carer, p, until, colleague.address()), 403, "SALUS-1351");
        grant(carer, p, until, outsider.address()).then().statusCode(201);
    }

    @Test
    void delegateGrantUntil2099_isRefused_byTheNodeBeforeAnythingIsSigned() {
        Api.Acct p = api.open("PATIENT", "Patient of a long-sighted delegate");
        Api.Acct carer = api.open("CAREGIVER", "Long-sighted delegate");
        consent.delegate(p, carer, List.of("MANAGE_CONSENT")).then().statusCode(200);
        refused(grant(carer, p, Instant.parse("2099-01-01T00:00:00Z"), null), 422, "SALUS-1352");
        grant(p, p, Instant.parse("2099-01-01T00:00:00Z"), null).then().statusCode(201);
    }

    @Test
    void delegateSignedGrant_stopsCountingWhenDelegationIsRevoked() {
        Api.Acct issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        Api.Acct researcher = api.open("CONSUMER", "Researcher relying on a delegate's grant");
        consent.attest(issuer, researcher, "ACADEMIC_RESEARCHER", "HRESCH");
        Api.Acct p = api.open("PATIENT", "Patient who revokes a delegate");
        Api.Acct carer = api.open("CAREGIVER", "Delegate about to be revoked");
        consent.delegate(p, carer, List.of("MANAGE_CONSENT")).then().statusCode(200);
        grant(carer, p, Instant.now().plus(10, ChronoUnit.DAYS), null).then().statusCode(201);
        consent.access(researcher, p, "HRESCH", "VITAL_SIGNS").then().statusCode(200);

        given().baseUri(api.url).auth().oauth2(p.token())
                .delete("/patients/" + p.id() + "/delegations/" + carer.id()).then().statusCode(200);

        refused(consent.access(researcher, p, "HRESCH", "VITAL_SIGNS"), 403, "SALUS-0405");
        assertThat(consent.accessLog(p)).anySatisfy(e -> {
            assertThat(e.get("requesterId")).isEqualTo(researcher.id());
            assertThat(e.get("decision")).isEqualTo("DENY");
            assertThat(e.get("code")).isEqualTo("SALUS-0405");
        });
    }
}
