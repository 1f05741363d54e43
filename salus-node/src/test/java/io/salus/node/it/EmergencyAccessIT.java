package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.consent.AuditEntry;
import io.salus.crypto.credential.Holder;
import io.salus.node.web.PortalHttp;
import io.salus.node.wiring.Node;
import io.salus.testkit.EmergencyBundles;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Break-the-glass access end to end on the real engines (docs/care.md): a responder with a presented
 * emergency-responder credential opens an unconscious patient's emergency profile without any grant; everything it
 * must refuse is refused with its code, and the audit comes before anything is shown.
 */
class EmergencyAccessIT {
    private static final String WHY = "Unconscious after a road accident, brought in by ambulance";
    private Node node;
    private Api api;
    private ConsentRequests consent;
    private CredentialFixture credentials;
    private Api.Acct board;
    private Api.Acct patient;

    @BeforeEach
    void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        credentials = new CredentialFixture(api);
        board = consent.trustedIssuer("EMERGENCY_RESPONDER", "PHYSICIAN_LICENCE", "ACADEMIC_RESEARCHER");
        patient = api.open("PATIENT", "Robin Ward " + UUID.randomUUID());
        api.deposit(patient, patient, EmergencyBundles.patient("er-" + UUID.randomUUID()), null).then()
                .statusCode(201);
    }

    /** A physician account holding an emergency-responder credential it has presented to the node. */
    private record Responder(Api.Acct acct, CredentialFixture.Issued credential) {
    }

    private Responder responder(String type, String purpose) {
        return responder(type, purpose, Set.of("purposes"));
    }

    private Responder responder(String type, String purpose, Set<String> disclose) {
        Api.Acct r = api.open("PHYSICIAN", "Dr ER " + UUID.randomUUID());
        ECKey key = Holder.newKey();
        CredentialFixture.Issued c = credentials.issue(board, r, type, key, purpose);
        credentials.presentFresh(r, c.sdJwt(), key, disclose).then().statusCode(201);
        return new Responder(r, c);
    }

    private Response open(Api.Acct responder, Api.Acct p, String justification) {
        return given().baseUri(api.url).auth().oauth2(responder.token()).contentType(ContentType.JSON)
                .body(justification == null ? Map.of() : Map.of("justification", justification))
                .post("/patients/" + p.id() + "/emergency-access");
    }

    private static String code(Response r) {
        return r.path("code");
    }

    @Test
    void responderWithPresentedCredential_opensTheEmergencyProfile_auditedAndLoggedOnChainFirst() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Response r = open(er.acct(), patient, WHY);
        r.then().statusCode(201);
        String profile = r.jsonPath().prettify();
        assertThat(profile).contains("Penicillin", "Warfarin", "Atrial fibrillation",
                "Blood group A Rh(D) positive", "+44 20 7946 0001", "60591-5")
                .doesNotContain("Latex", "Amoxicillin", "Sinusitis", "Glucose");
        assertThat((String) r.path("profile.type")).isEqualTo("document");
        assertThat((String) r.path("txHash")).startsWith("0x");
        List<String> entries = r.path("auditEntries");
        assertThat(entries).hasSize(5);
        for (String id : entries) {
            AuditEntry e = node.audit().find(UUID.fromString(id)).orElseThrow();
            assertThat(e.decision().permitted()).isTrue();
            assertThat(e.txHash()).as("AccessLog event mined before the profile was shown").isPresent();
            assertThat(new String(e.auditEventJson(), StandardCharsets.UTF_8)).contains("\"ETREAT\"", "\"BTG\"");
        }
        assertThat(Instant.parse(r.path("expiresAt"))).isEqualTo(Instant.parse((String) r.path("openedAt"))
                .plusSeconds(TestNodes.EMERGENCY_WINDOW_SECONDS));
        List<Map<String, Object>> checks = api.get(patient, "/audit/patients/" + patient.id()).then()
                .statusCode(200).extract().path("checks");
        assertThat(checks).as("the auditor's verification finds each break-glass AuditEvent on chain").hasSize(5)
                .allSatisfy(c -> assertThat(c.get("verification")).isEqualTo("VERIFIED"));
    }

    @Test
    void responderWithoutCredential_isRefused_evenWithAnOnChainAttestationOrAnUnpresentedCredential() {
        Api.Acct stranger = api.open("PHYSICIAN", "Dr Nobody");
        assertThat(code(open(stranger, patient, WHY))).isEqualTo("SALUS-1902");
        Api.Acct unpresented = api.open("PHYSICIAN", "Dr Unpresented");
        credentials.issue(board, unpresented, "EMERGENCY_RESPONDER", Holder.newKey(), "ETREAT");
        Response r = open(unpresented, patient, WHY);
        r.then().statusCode(403);
        assertThat(code(r)).isEqualTo("SALUS-1902");
        assertThat(r.asString()).doesNotContain("Penicillin");
    }

    @Test
    void credentialOfTheWrongType_isRefused() {
        Responder researcher = responder("ACADEMIC_RESEARCHER", "HRESCH", Set.of("consumer_type", "purposes"));
        assertThat(code(open(researcher.acct(), patient, WHY))).isEqualTo("SALUS-1902");
    }

    @Test
    void revokedCredential_isRefused() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        open(er.acct(), patient, WHY).then().statusCode(201);
        credentials.revoke(board, er.credential().id()).then().statusCode(200);
        Response r = open(er.acct(), patient, WHY);
        assertThat(code(r)).isEqualTo("SALUS-1903");
        assertThat(r.asString()).doesNotContain("Penicillin");
    }

    @Test
    void physicianLicenceForTreatment_opensTheProfileToo() {
        Responder physician = responder("PHYSICIAN_LICENCE", "TREAT");
        assertThat(open(physician.acct(), patient, WHY).then().statusCode(201).extract().asString())
                .contains("Penicillin");
    }

    @Test
    void anotherPatientBreakingTheGlass_isRefused_andSeesNoProfile() {
        Api.Acct other = api.open("PATIENT", "Curious neighbour " + UUID.randomUUID());
        Response r = open(other, patient, WHY);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(code(r)).isEqualTo("SALUS-0422");
        assertThat(r.asString()).doesNotContain("Bundle");
    }

    @Test
    void missingJustification_isRefused() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        assertThat(code(open(er.acct(), patient, null))).isEqualTo("SALUS-1900");
        assertThat(code(open(er.acct(), patient, "  urgent "))).isEqualTo("SALUS-1900");
    }

    @Test
    void patientOptOut_isHonoured_andOnlyThePatientSetsIt() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Api.Acct carer = api.open("CAREGIVER", "Carer " + UUID.randomUUID());
        consent.delegate(patient, carer, List.of("MANAGE_CONSENT", "RECEIVE_ALERTS")).then().statusCode(200);
        assertThat(code(prefer(carer, patient, true))).isEqualTo("SALUS-1909");
        prefer(patient, patient, true).then().statusCode(200);
        Response refused = open(er.acct(), patient, WHY);
        assertThat(code(refused)).isEqualTo("SALUS-1901");
        assertThat(refused.asString()).doesNotContain("Penicillin");
        prefer(patient, patient, false).then().statusCode(200);
        open(er.acct(), patient, WHY).then().statusCode(201);
    }

    private Response prefer(Api.Acct actor, Api.Acct p, boolean optOut) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON)
                .body(Map.of("optOut", optOut)).put("/patients/" + p.id() + "/emergency-preference");
    }

    @Test
    void patientAndDelegatesReceivingAlerts_areNotifiedAtOnce_andOthersAreNot() {
        Api.Acct daughter = api.open("CAREGIVER", "Daughter " + UUID.randomUUID());
        Api.Acct viewer = api.open("CAREGIVER", "Viewer " + UUID.randomUUID());
        consent.delegate(patient, daughter, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        consent.delegate(patient, viewer, List.of("VIEW_RECORDS")).then().statusCode(200);
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Response r = open(er.acct(), patient, WHY);
        r.then().statusCode(201);
        List<String> notified = r.path("notified.recipientId");
        assertThat(notified).containsExactly(patient.id(), daughter.id());
        String accessId = r.path("accessId");
        for (Api.Acct who : List.of(patient, daughter)) {
            List<Map<String, Object>> notices = api.get(who, "/accounts/me/emergency-notices").then()
                    .statusCode(200).extract().path("notices");
            assertThat(notices).anySatisfy(n -> {
                assertThat(n.get("accessId")).isEqualTo(accessId);
                assertThat((String) n.get("text")).contains(WHY, "EMERGENCY_RESPONDER");
            });
        }
        List<Object> none = api.get(viewer, "/accounts/me/emergency-notices").then().statusCode(200).extract()
                .path("notices");
        assertThat(none).isEmpty();
    }

    @Test
    void access_expiresAfterItsWindow() throws InterruptedException {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Response r = open(er.acct(), patient, WHY);
        r.then().statusCode(201);
        String id = r.path("accessId");
        Api.Acct other = api.open("PHYSICIAN", "Dr Other");
        assertThat(code(api.get(other, "/emergency-access/" + id + "/profile"))).isEqualTo("SALUS-1905");
        Instant expires = Instant.parse(r.path("expiresAt"));
        Response again = api.get(er.acct(), "/emergency-access/" + id + "/profile");
        if (Instant.now().isBefore(expires.minusSeconds(1))) {
            again.then().statusCode(200);
            assertThat(again.asString()).contains("Penicillin");
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 500);
        Response late = api.get(er.acct(), "/emergency-access/" + id + "/profile");
        assertThat(code(late)).isEqualTo("SALUS-1904");
        assertThat(late.asString()).doesNotContain("Penicillin");
    }

    @Test
    void accessIsRefused_whenTheAuditSinkFails_andNothingIsShown() throws SQLException {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Response r = whileRefusingInserts("audit_entry", () -> open(er.acct(), patient, WHY));
        r.then().statusCode(503);
        assertThat(code(r)).isEqualTo("SALUS-0413");
        assertThat(r.asString()).doesNotContain("Penicillin");
        List<Object> log = api.get(patient, "/patients/" + patient.id() + "/emergency-access").then()
                .statusCode(200).extract().path("accesses");
        assertThat(log).isEmpty();
    }

    @Test
    void accessIsRefused_whenTheNoticesCannotBeStored_afterTheAuditRecordedTheAttempt() throws SQLException {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        Response r = whileRefusingInserts("emergency_notice", () -> open(er.acct(), patient, WHY));
        assertThat(code(r)).isEqualTo("SALUS-1908");
        assertThat(r.asString()).doesNotContain("Penicillin");
        assertThat(consent.accessLog(patient)).isNotEmpty();
    }

    /** Runs {@code call} while PostgreSQL refuses every insert into {@code table} about this test's patient. */
    private Response whileRefusingInserts(String table, Supplier<Response> call) throws SQLException {
        String trigger = "refuse_" + table + "_" + patient.id().replace("-", "");
        sql("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION '" + table + " refused (test)'; END $$; CREATE TRIGGER " + trigger
                + " BEFORE INSERT ON " + table + " FOR EACH ROW WHEN (NEW.patient = '" + patient.id()
                + "') EXECUTE FUNCTION " + trigger + "()");
        try {
            return call.get();
        } finally {
            sql("DROP TRIGGER " + trigger + " ON " + table + "; DROP FUNCTION " + trigger + "()");
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    @Test
    void everyAccessIsReviewedOnce_andThePatientSeesTheReview_whileAnotherPatientSeesNothing() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        String id = open(er.acct(), patient, WHY).then().statusCode(201).extract().path("accessId");
        Api.Acct auditor = api.open("AUDITOR", "Reviewer");
        List<String> pending = api.get(auditor, "/emergency-access/pending-review").then().statusCode(200)
                .extract().path("accesses.accessId");
        assertThat(pending).contains(id);
        assertThat(code(review(er.acct(), id, true))).isEqualTo("SALUS-1906");
        review(auditor, id, true).then().statusCode(200);
        assertThat(code(review(auditor, id, false))).isEqualTo("SALUS-1907");

        List<Map<String, Object>> log = api.get(patient, "/patients/" + patient.id() + "/emergency-access").then()
                .statusCode(200).extract().path("accesses");
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.get("justification")).isEqualTo(WHY);
            assertThat(a.get("responderId")).isEqualTo(er.acct().id());
            assertThat(((Map<?, ?>) a.get("review")).get("justified")).isEqualTo(true);
        });

        Api.Acct another = api.open("PATIENT", "Another " + UUID.randomUUID());
        Response snoop = api.get(another, "/patients/" + patient.id() + "/emergency-access");
        snoop.then().statusCode(403);
        assertThat(snoop.asString()).doesNotContain(WHY);
        List<Object> theirs = api.get(another, "/accounts/me/emergency-notices").then().statusCode(200).extract()
                .path("notices");
        assertThat(theirs).isEmpty();
        assertThat(code(api.get(er.acct(), "/patients/" + patient.id() + "/emergency-access"))).startsWith("SALUS-04");
    }

    private Response review(Api.Acct reviewer, String id, boolean justified) {
        return given().baseUri(api.url).auth().oauth2(reviewer.token()).contentType(ContentType.JSON)
                .body(Map.of("justified", justified, "note", "ambulance record confirms the accident"))
                .post("/emergency-access/" + id + "/review");
    }

    @Test
    void responderOnThePortal_opensTheProfileWithTheCsrfTokenOnly_andReadsItReadOnlyUntilItExpires()
            throws InterruptedException {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        PortalHttp web = new PortalHttp(api.url);
        web.signIn(er.acct().token());
        assertThat(web.get("/portal/care/emergency").body()).contains("emergency-open", "presented to this node");
        Map<String, String> form = Map.of("patient", patient.id(), "justification", WHY);
        assertThat(web.post("/portal/care/emergency", form).statusCode()).as("a forged form").isEqualTo(403);
        assertThat(consent.accessLog(patient)).as("nothing audited for a forged form").isEmpty();

        HttpResponse<String> opened = web.postWithCsrf("/portal/care/emergency", form);
        assertThat(opened.statusCode()).isEqualTo(303);
        String location = opened.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/portal/care/emergency/");
        String page = web.get(location).body();
        assertThat(page).contains("Penicillin", "Warfarin", "Atrial fibrillation", "Blood group A Rh(D) positive",
                "Sam Ward", "+44 20 7946 0001", "Read-only emergency profile", "emergency-expires")
                .doesNotContain("Latex", "Amoxicillin", "Sinusitis", "Glucose", "<form method=\"post\" action=\"/portal"
                        + "/care/emergency/");
        String accessId = location.substring("/portal/care/emergency/".length()).replaceFirst("\\?.*", "");
        List<Map<String, Object>> log = api.get(patient, "/patients/" + patient.id() + "/emergency-access").then()
                .statusCode(200).extract().path("accesses");
        assertThat(log).singleElement().satisfies(a -> assertThat(a.get("accessId")).isEqualTo(accessId));
        List<Object> notices = api.get(patient, "/accounts/me/emergency-notices").then().statusCode(200).extract()
                .path("notices");
        assertThat(notices).isNotEmpty();

        PortalHttp other = new PortalHttp(api.url);
        other.signIn(responder("EMERGENCY_RESPONDER", "ETREAT").acct().token());
        HttpResponse<String> foreign = other.get(location);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("SALUS-1905").doesNotContain("Penicillin");

        Instant expires = Instant.parse((String) log.get(0).get("expiresAt"));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 500);
        HttpResponse<String> late = web.get(location);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("SALUS-1904").doesNotContain("Penicillin");
    }

    @Test
    void responderWithoutAPresentedCredential_isRefusedOnThePortalWithItsCode_andAPatientCannotOpenThePage() {
        Api.Acct stranger = api.open("PHYSICIAN", "Dr Portal Nobody " + UUID.randomUUID());
        PortalHttp web = new PortalHttp(api.url);
        web.signIn(stranger.token());
        HttpResponse<String> refused = web.postWithCsrf("/portal/care/emergency", Map.of("patient", patient.id(),
                "justification", WHY));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Error code SALUS-1902").doesNotContain("Penicillin");
        HttpResponse<String> noJustification = web.postWithCsrf("/portal/care/emergency", Map.of("patient",
                patient.id(), "justification", "urgent"));
        assertThat(noJustification.body()).contains("SALUS-1900");

        PortalHttp patientWeb = new PortalHttp(api.url);
        patientWeb.signIn(patient.token());
        assertThat(patientWeb.get("/portal/care/emergency").statusCode()).isEqualTo(403);
        assertThat(patientWeb.postWithCsrf("/portal/care/emergency", Map.of("patient", patient.id(), "justification",
                WHY)).statusCode()).isEqualTo(403);
        List<Object> log = api.get(patient, "/patients/" + patient.id() + "/emergency-access").then()
                .statusCode(200).extract().path("accesses");
        assertThat(log).isEmpty();
    }

    @Test
    void auditorReviewsOnThePortal_withTheCsrfTokenOnly_once_andPatientsAndConsumersAreRefusedThePage() {
        Responder er = responder("EMERGENCY_RESPONDER", "ETREAT");
        String id = open(er.acct(), patient, WHY).then().statusCode(201).extract().path("accessId");
        PortalHttp auditor = new PortalHttp(api.url);
        auditor.signIn(api.open("AUDITOR", "Portal reviewer " + UUID.randomUUID()).token());
        assertThat(auditor.get("/portal/emergency-review").body()).contains("data-access=\"" + id + "\"", WHY);
        Map<String, String> verdict = Map.of("justified", "no", "note", "no ambulance record of this patient");
        assertThat(auditor.post("/portal/emergency-review/" + id, verdict).statusCode()).as("a forged form")
                .isEqualTo(403);
        assertThat(auditor.postWithCsrf("/portal/emergency-review/" + id, verdict).statusCode()).isEqualTo(303);
        assertThat(auditor.get("/portal/emergency-review").body()).doesNotContain("data-access=\"" + id + "\"");
        HttpResponse<String> twice = auditor.postWithCsrf("/portal/emergency-review/" + id, Map.of("justified",
                "yes"));
        assertThat(twice.body()).contains("SALUS-1907");
        List<Map<String, Object>> log = api.get(patient, "/patients/" + patient.id() + "/emergency-access").then()
                .statusCode(200).extract().path("accesses");
        assertThat(log).singleElement().satisfies(a -> {
            Map<?, ?> review = (Map<?, ?>) a.get("review");
            assertThat(review.get("justified")).isEqualTo(false);
            assertThat(review.get("note")).isEqualTo("no ambulance record of this patient");
        });

        for (Api.Acct hostile : List.of(patient, api.open("CONSUMER", "Portal snoop " + UUID.randomUUID()),
                er.acct())) {
            PortalHttp web = new PortalHttp(api.url);
            web.signIn(hostile.token());
            HttpResponse<String> page = web.get("/portal/emergency-review");
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).doesNotContain(WHY);
            assertThat(web.postWithCsrf("/portal/emergency-review/" + id, Map.of("justified", "yes")).statusCode())
                    .isEqualTo(403);
        }
    }
}
