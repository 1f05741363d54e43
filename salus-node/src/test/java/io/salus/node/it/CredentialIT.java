package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.restassured.response.Response;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.crypto.credential.CredentialDraft;
import io.salus.crypto.credential.CredentialIssuer;
import io.salus.crypto.credential.CredentialKind;
import io.salus.crypto.credential.Holder;
import io.salus.crypto.credential.StatusListToken;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SD-JWT credentials end to end on the real engines: an ethics board trusted on chain issues an academic-researcher
 * credential to a lab, the lab presents it with only the claims the access needs, and the decision point permits on
 * it; every kind of bad presentation is refused with its own code.
 */
class CredentialIT {
    private static final Set<String> NEEDED = Set.of("consumer_type", "purposes");
    private Node node;
    private Api api;
    private ConsentRequests consent;
    private CredentialFixture credentials;
    private Api.Acct board;
    private Api.Acct lab;
    private ECKey labKey;

    @BeforeEach
    void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        credentials = new CredentialFixture(api);
        board = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        lab = api.open("CONSUMER", "Lab " + UUID.randomUUID());
        labKey = Holder.newKey();
    }

    private Api.Acct patientGrantingResearch() {
        Api.Acct p = api.open("PATIENT", "Patient " + UUID.randomUUID());
        api.deposit(p, p, Bundles.patientWithObservations("cred-" + UUID.randomUUID(), 1), null).then()
                .statusCode(201);
        consent.grantOk(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
        return p;
    }

    private static String code(Response r) {
        return r.path("code");
    }

    @Test
    void presentedCredential_isRecognisedByTheDecisionPoint_onlyAfterItsPresentation() {
        Api.Acct patient = patientGrantingResearch();
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        assertThat(c.attestationId()).isPositive();
        assertThat(code(consent.access(lab, patient, "HRESCH", "VITAL_SIGNS"))).isEqualTo("SALUS-0406");

        Response presented = credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED);
        presented.then().statusCode(201);
        assertThat((String) presented.path("type")).isEqualTo("ACADEMIC_RESEARCHER");
        List<String> purposes = presented.path("purposes");
        assertThat(purposes).containsExactly("HRESCH");

        consent.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
        assertThat(code(consent.access(lab, patient, "PUBHLTH", "VITAL_SIGNS"))).isEqualTo("SALUS-0409");
    }

    @Test
    void discovery_countsACredentialOnlyAfterItsPresentation() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("organisation", "Credential lab " + UUID.randomUUID()))
                .put("/accounts/" + lab.id() + "/organisation").then().statusCode(200);
        java.util.Map<String, Object> count = java.util.Map.of("criteria", java.util.Map.of("age", java.util.Map.of(
                "min", 0)), "categories", List.of("VITAL_SIGNS"), "purpose", "HRESCH", "epsilon", "0.1");
        Response before = io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(lab.token())
                .contentType(io.restassured.http.ContentType.JSON).body(count).post("/cohorts/count");
        assertThat(code(before)).as("an issued but unpresented credential opens no cohort").isEqualTo("SALUS-0406");

        credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED).then().statusCode(201);
        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(lab.token())
                .contentType(io.restassured.http.ContentType.JSON).body(count).post("/cohorts/count").then()
                .log().ifValidationFails().statusCode(200);
    }

    @Test
    void undisclosedClaims_areNeitherSentNorStored() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        assertThat(Holder.claimNames(c.sdJwt())).contains("organisation", "name", "ethics_approval");
        credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED).then().statusCode(201);

        String stored = api.get(lab, "/presentations").then().statusCode(200).extract().asString();
        assertThat(stored).contains("ACADEMIC_RESEARCHER").doesNotContain("Secret Studies")
                .doesNotContain("Hidden Name").doesNotContain("Ethics Board");
        Map<String, Object> disclosed = api.get(lab, "/presentations").path("presentations[0].disclosed");
        assertThat(disclosed).containsOnlyKeys("consumer_type", "purposes");
    }

    @Test
    void replayedPresentation_isRefusedAsReplayed() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        CredentialFixture.Nonce n = credentials.nonce(lab);
        String p = Holder.present(c.sdJwt(), NEEDED, labKey, n.audience(), n.nonce(), Instant.now());
        credentials.present(lab, p).then().statusCode(201);
        Response again = credentials.present(lab, p);
        again.then().statusCode(409);
        assertThat(code(again)).isEqualTo("SALUS-0710");
    }

    @Test
    void revokedCredential_isRefusedWithItsOwnCode_andTheDecisionPointDeniesItsEarlierPresentation() {
        Api.Acct patient = patientGrantingResearch();
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED).then().statusCode(201);
        consent.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200);

        credentials.revoke(board, c.id()).then().statusCode(200);
        String token = given().baseUri(api.url).get("/status-lists/" + board.id()).then().statusCode(200)
                .contentType("application/statuslist+jwt").extract().asString();
        assertThat(StatusListToken.verify(token, c.statusUri(), new EvmAddress(board.address())).orElseThrow()
                .revoked(c.statusIndex())).isTrue();

        Response refused = credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED);
        refused.then().statusCode(403);
        assertThat(code(refused)).isEqualTo("SALUS-0704");
        assertThat(code(consent.access(lab, patient, "HRESCH", "VITAL_SIGNS"))).isEqualTo("SALUS-0408");
    }

    @Test
    void credentialWhoseOnChainAttestationTheIssuerRevoked_isRefusedAndDenied() {
        Api.Acct patient = patientGrantingResearch();
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED).then().statusCode(201);
        consent.revokeAttestation(board, c.attestationId());
        assertThat(code(consent.access(lab, patient, "HRESCH", "VITAL_SIGNS"))).isEqualTo("SALUS-0408");
        Response refused = credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED);
        refused.then().statusCode(403);
        assertThat(code(refused)).isEqualTo("SALUS-0704");
    }

    @Test
    void expiredCredential_isRefusedWithItsOwnCode() {
        credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        String expired = selfSigned(board, credentials.exportKey(board), Instant.now().minusSeconds(3600));
        Response r = credentials.presentFresh(lab, expired, labKey, NEEDED);
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0702");
    }

    @Test
    void untrustedIssuer_cannotIssue_andItsSelfSignedCredentialIsRefused() {
        Api.Acct licensingBoard = consent.trustedIssuer("PHYSICIAN_LICENCE");
        Response issue = credentials.issueResponse(licensingBoard, lab, "ACADEMIC_RESEARCHER", labKey,
                List.of("HRESCH"));
        issue.then().statusCode(403);
        assertThat(code(issue)).isEqualTo("SALUS-0705");

        String forged = selfSigned(licensingBoard, credentials.exportKey(licensingBoard),
                Instant.now().plusSeconds(3600));
        Response r = credentials.presentFresh(lab, forged, labKey, NEEDED);
        r.then().statusCode(403);
        assertThat(code(r)).isEqualTo("SALUS-0705");
    }

    @Test
    void presentationForAnotherAudience_isRefusedAsWrongAudience() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        CredentialFixture.Nonce n = credentials.nonce(lab);
        Response r = credentials.present(lab,
                Holder.present(c.sdJwt(), NEEDED, labKey, "did:web:another-node.example", n.nonce(), Instant.now()));
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0708");
    }

    @Test
    void nonceNotIssuedToTheCaller_isRefusedAsWrongNonce() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        CredentialFixture.Nonce n = credentials.nonce(lab);
        Response invented = credentials.present(lab,
                Holder.present(c.sdJwt(), NEEDED, labKey, n.audience(), "invented-nonce", Instant.now()));
        invented.then().statusCode(422);
        assertThat(code(invented)).isEqualTo("SALUS-0709");

        Api.Acct other = api.open("CONSUMER", "Other");
        CredentialFixture.Nonce othersNonce = credentials.nonce(other);
        Response borrowed = credentials.present(lab,
                Holder.present(c.sdJwt(), NEEDED, labKey, n.audience(), othersNonce.nonce(), Instant.now()));
        assertThat(code(borrowed)).isEqualTo("SALUS-0709");
    }

    @Test
    void modifiedDisclosure_isRefusedAsTampered() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        String[] parts = c.sdJwt().split("~", -1);
        for (int i = 1; i < parts.length; i++) {
            String json = new String(Base64.getUrlDecoder().decode(parts[i].isEmpty() ? "" : parts[i]),
                    StandardCharsets.UTF_8);
            if (json.contains("\"purposes\"")) {
                parts[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        json.replace("\"HRESCH\"", "\"HMARKT\"").getBytes(StandardCharsets.UTF_8));
            }
        }
        Response r = credentials.presentFresh(lab, String.join("~", parts), labKey, NEEDED);
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0701");
    }

    @Test
    void modifiedPayload_isRefusedAsTampered() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        String jwt = c.sdJwt().substring(0, c.sdJwt().indexOf('~'));
        String[] jws = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8);
        String later = payload.replaceFirst("\"exp\":\\d+", "\"exp\":4102444800");
        assertThat(later).isNotEqualTo(payload);
        String forged = jws[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(later.getBytes(StandardCharsets.UTF_8)) + "." + jws[2]
                + c.sdJwt().substring(c.sdJwt().indexOf('~'));
        Response r = credentials.presentFresh(lab, forged, labKey, NEEDED);
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0701");
    }

    @Test
    void presentationWithoutKeyBinding_isRefused() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        Response r = credentials.present(lab, c.sdJwt());
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0706");
    }

    @Test
    void keyBindingByAnotherKey_isRefused() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        Response r = credentials.presentFresh(lab, c.sdJwt(), Holder.newKey(), NEEDED);
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0707");
    }

    @Test
    void anotherAccountPresentingTheLabsCredential_isRefusedAsHolderMismatch() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        Api.Acct thief = api.open("CONSUMER", "Thief");
        Response r = credentials.presentFresh(thief, c.sdJwt(), labKey, NEEDED);
        r.then().statusCode(403);
        assertThat(code(r)).isEqualTo("SALUS-0712");
    }

    @Test
    void purposesWithheld_isRefusedAsMissingDisclosure() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        Response r = credentials.presentFresh(lab, c.sdJwt(), labKey, Set.of("consumer_type"));
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0711");
    }

    @Test
    void onlyItsIssuerRevokesACredential_andUnknownIdsAreNotFound() {
        CredentialFixture.Issued c = credentials.issue(board, lab, "ACADEMIC_RESEARCHER", labKey, "HRESCH");
        Api.Acct otherBoard = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        Response foreign = credentials.revoke(otherBoard, c.id());
        foreign.then().statusCode(403);
        assertThat(code(foreign)).isEqualTo("SALUS-0101");
        Response unknown = credentials.revoke(board, "urn:uuid:" + UUID.randomUUID());
        unknown.then().statusCode(404);
        assertThat(code(unknown)).isEqualTo("SALUS-0713");
        credentials.presentFresh(lab, c.sdJwt(), labKey, NEEDED).then().statusCode(201);
    }

    @Test
    void privateHolderKey_isRefusedAtIssuance() {
        Response r = given().baseUri(api.url).auth().oauth2(board.token())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("subjectId", lab.id(), "type", "ACADEMIC_RESEARCHER", "purposes", List.of("HRESCH"),
                        "validUntil", Instant.now().plusSeconds(3600).toString(), "holderKey", labKey.toJSONObject()))
                .post("/credentials");
        r.then().statusCode(422);
        assertThat(code(r)).isEqualTo("SALUS-0715");
    }

    /** A credential the issuer signs itself with its exported key, on its published status list (unrevoked index). */
    private String selfSigned(Api.Acct issuer, byte[] key, Instant expires) {
        String did = Did.pkh(node.settings().chainId(), new EvmAddress(issuer.address()));
        String labDid = Did.pkh(node.settings().chainId(), new EvmAddress(lab.address()));
        return CredentialIssuer.issue(new CredentialDraft("urn:uuid:" + UUID.randomUUID(), CredentialKind.CONSUMER_TYPE,
                did, labDid, labKey.toPublicJWK(), Instant.now().minusSeconds(7200), expires,
                api.url + "/status-lists/" + issuer.id(), 9_999, 0,
                Map.of("consumer_type", "ACADEMIC_RESEARCHER", "purposes", List.of("HRESCH"))), key);
    }
}
