package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.crypto.credential.Holder;
import io.salus.node.web.PortalHttp;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import io.salus.testkit.EmergencyBundles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider credentialing on the real engines (docs/care.md): a board issues licence credentials, providers present
 * them at sign-up, and a revoked licence stops the provider's deposits, reads and break-glass accesses at once.
 */
class LicenceIT {
    private Api api;
    private ConsentRequests consent;
    private CredentialFixture credentials;
    private Api.Acct board;

    @BeforeEach
    void setUp() {
        Node node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        credentials = new CredentialFixture(api);
        board = consent.trustedIssuer("PHYSICIAN_LICENCE", "PHARMACY_LICENCE", "HOSPITAL_LICENCE",
                "EMERGENCY_RESPONDER");
    }

    private record Licensed(Api.Acct acct, ECKey key, CredentialFixture.Issued licence) {
    }

    private Licensed issued(String kind, String type) {
        Api.Acct provider = api.open(kind, kind + " " + UUID.randomUUID());
        ECKey key = Holder.newKey();
        return new Licensed(provider, key, credentials.issue(board, provider, type, key, "TREAT"));
    }

    private Response signUp(Licensed l) {
        CredentialFixture.Nonce n = credentials.nonce(l.acct());
        String p = Holder.present(l.licence().sdJwt(), Set.of("purposes"), l.key(), n.audience(), n.nonce(),
                Instant.now());
        return given().baseUri(api.url).auth().oauth2(l.acct().token()).contentType(ContentType.JSON)
                .body(Map.of("presentation", p)).post("/providers/me/licence");
    }

    private static String code(Response r) {
        return r.path("code");
    }

    @Test
    void providerSignUp_verifiesTheLicenceOfItsKind_andRefusesAnotherKindsLicence() {
        Licensed pharmacy = issued("PHARMACY", "PHARMACY_LICENCE");
        Response ok = signUp(pharmacy);
        ok.then().statusCode(201);
        assertThat((String) ok.path("standing")).isEqualTo("LICENSED");
        assertThat((String) ok.path("licence")).isEqualTo("PHARMACY_LICENCE");
        assertThat((Boolean) ok.path("mayAct")).isTrue();

        Licensed hospital = issued("HOSPITAL", "PHARMACY_LICENCE");
        Response wrong = signUp(hospital);
        wrong.then().statusCode(422);
        assertThat(code(wrong)).isEqualTo("SALUS-1922");
        assertThat((String) api.get(hospital.acct(), "/providers/me/licence").path("standing"))
                .isEqualTo("UNLICENSED");
        Api.Acct patient = api.open("PATIENT", "Patient " + UUID.randomUUID());
        assertThat(code(given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("presentation", "x")).post("/providers/me/licence"))).isEqualTo("SALUS-0104");
    }

    @Test
    void revokedLicence_stopsTheProvidersDepositsAndReadsAtOnce() {
        Licensed hospital = issued("HOSPITAL", "HOSPITAL_LICENCE");
        signUp(hospital).then().statusCode(201);
        Api.Acct patient = api.open("PATIENT", "Patient " + UUID.randomUUID());
        api.link(patient, hospital.acct());
        String id = "lic-" + UUID.randomUUID();
        api.deposit(hospital.acct(), patient, Bundles.patientWithObservations(id, 1), null).then().statusCode(201);
        consent.grantOk(patient, List.of("VITAL_SIGNS"), List.of("HOSPITAL_LICENCE"), List.of("TREAT"));
        consent.access(hospital.acct(), patient, "TREAT", "VITAL_SIGNS").then().statusCode(200);

        credentials.revoke(board, hospital.licence().id()).then().statusCode(200);

        Response deposit = api.deposit(hospital.acct(), patient, Bundles.patientWithObservations(id, 2), null);
        deposit.then().statusCode(403);
        assertThat(code(deposit)).isEqualTo("SALUS-1921");
        Response read = consent.access(hospital.acct(), patient, "TREAT", "VITAL_SIGNS");
        read.then().statusCode(403);
        assertThat(code(read)).isEqualTo("SALUS-1921");
        assertThat(read.asString()).doesNotContain("8867-4");
        Response status = api.get(hospital.acct(), "/providers/me/licence");
        assertThat((String) status.path("standing")).isEqualTo("REVOKED");
        assertThat((Boolean) status.path("mayAct")).isFalse();
        assertThat((String) status.path("refusal")).isEqualTo("SALUS-1921");
        PortalHttp web = new PortalHttp(api.url);
        web.signIn(hospital.acct().token());
        assertThat(web.get("/portal/care/licence").body()).as("the provider's licence page, decided on the visit")
                .contains("id=\"licence-standing\" class=\"bad\">REVOKED", "id=\"licence-may-act\">no",
                        "refused with SALUS-1921");
    }

    @Test
    void licencePage_showsAPresentedLicenceAsLicensed_andIsNoPageForAPatientOrACaregiver() {
        Licensed physician = issued("PHYSICIAN", "PHYSICIAN_LICENCE");
        PortalHttp web = new PortalHttp(api.url);
        web.signIn(physician.acct().token());
        assertThat(web.get("/portal/care/licence").body()).contains(">UNLICENSED<", "./salus licence sign-up");
        signUp(physician).then().statusCode(201);
        assertThat(web.get("/portal/care/licence").body()).contains("class=\"ok\">LICENSED", "PHYSICIAN_LICENCE",
                "id=\"licence-may-act\">yes", "id=\"licence-refusal\">none");
        for (String kind : List.of("PATIENT", "CAREGIVER")) {
            PortalHttp other = new PortalHttp(api.url);
            other.signIn(api.open(kind, kind + " " + UUID.randomUUID()).token());
            assertThat(other.get("/portal/care/licence").statusCode()).as(kind).isIn(403, 404);
        }
    }

    @Test
    void physicianWithARevokedLicence_cannotBreakTheGlass_evenWithAValidResponderCredential() {
        Licensed physician = issued("PHYSICIAN", "PHYSICIAN_LICENCE");
        signUp(physician).then().statusCode(201);
        CredentialFixture.Issued er = credentials.issue(board, physician.acct(), "EMERGENCY_RESPONDER",
                physician.key(), "ETREAT");
        credentials.presentFresh(physician.acct(), er.sdJwt(), physician.key(), Set.of("purposes")).then()
                .statusCode(201);
        Api.Acct patient = api.open("PATIENT", "Patient " + UUID.randomUUID());
        api.deposit(patient, patient, EmergencyBundles.patient("lic-er-" + UUID.randomUUID()), null).then()
                .statusCode(201);
        Map<String, String> body = Map.of("justification", "Collapsed in the waiting room, unresponsive");
        given().baseUri(api.url).auth().oauth2(physician.acct().token()).contentType(ContentType.JSON).body(body)
                .post("/patients/" + patient.id() + "/emergency-access").then().statusCode(201);

        credentials.revoke(board, physician.licence().id()).then().statusCode(200);
        Response r = given().baseUri(api.url).auth().oauth2(physician.acct().token()).contentType(ContentType.JSON)
                .body(body).post("/patients/" + patient.id() + "/emergency-access");
        assertThat(code(r)).isEqualTo("SALUS-1921");
        assertThat(r.asString()).doesNotContain("Penicillin");
    }
}
