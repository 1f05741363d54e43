package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.cli.SalusCli;
import io.salus.node.wiring.Node;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recovery cannot surprise the patient (issue 13, item 4): only a guardian or the operator opens one; it completes
 * only after the waiting period; the patient can cancel it with their current token or their key until then; and the
 * patient and every guardian are alerted at each step.
 */
class RecoveryAttacksIT {
    static Node node;
    static Api api;
    static TinkKeyManager keys;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
        keys = TestNodes.keys(node);
    }

    record Guarded(Api.Acct patient, List<Api.Acct> guardians) {
    }

    static Guarded guarded(String name) {
        Api.Acct patient = api.open("PATIENT", name);
        List<Api.Acct> guardians = List.of(api.open("CAREGIVER", name + " guardian 1"),
                api.open("PHYSICIAN", name + " guardian 2"), api.open("PATIENT", name + " guardian 3"));
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", guardians.stream().map(Api.Acct::id).toList(), "threshold", 2))
                .put("/patients/" + patient.id() + "/guardians").then().statusCode(200);
        return new Guarded(patient, guardians);
    }

    static void refused(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    static List<Map<String, Object>> alertsOf(Api.Acct a) {
        return api.get(a, "/accounts/me/alerts").then().statusCode(200).extract().path("alerts");
    }

    static Response cancel(String token, String recoveryId) {
        return given().baseUri(api.url).auth().oauth2(token).post("/recoveries/" + recoveryId + "/cancellation");
    }

    @Test
    void recoveryOpenedByStranger_isRefused_andNothingReachesTheChain() {
        Guarded g = guarded("Target of a stranger");
        Api.Acct stranger = api.open("CAREGIVER", "Stranger opening a recovery");
        long before = requestCount();

        refused(given().baseUri(api.url).post("/patients/" + g.patient().id() + "/recoveries"), 401, "SALUS-0100");
        refused(RecoveryIT.openRecovery(stranger.token(), g.patient()), 403, "SALUS-1353");
        refused(RecoveryIT.openRecovery(g.patient().token(), g.patient()), 403, "SALUS-1353");
        assertThat(SalusCli.run(new String[]{"recovery", "open", "--url", api.url, "--token", stranger.token(),
                "--patient", g.patient().id()})).isNotZero();
        assertThat(requestCount()).as("no recovery was opened on chain").isEqualTo(before);
        assertThat(alertsOf(g.patient())).isEmpty();

        RecoveryIT.openRecovery(api.operatorToken, g.patient()).then().statusCode(201)
                .body("claimToken", org.hamcrest.Matchers.startsWith("recovery_"));
    }

    @Test
    void recoveryCompletedBeforeWaitingPeriod_isRefusedWithRetryAfter() throws InterruptedException {
        Guarded g = guarded("Patient whose guardians hurry");
        Response opened = RecoveryIT.openRecovery(g.guardians().get(0).token(), g.patient());
        String id = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        RecoveryIT.approve(g.guardians().get(0), id).then().statusCode(200);
        RecoveryIT.approve(g.guardians().get(1), id).then().statusCode(200).body("status", equalTo("WAITING"));

        Response early = RecoveryIT.complete(id, claim);
        refused(early, 409, "SALUS-1354");
        assertThat(Integer.parseInt(early.header("Retry-After"))).isBetween(1, TestNodes.RECOVERY_WAIT_SECONDS);
        api.get(g.patient(), "/accounts/me").then().statusCode(200);

        RecoveryIT.completeAfterWaiting(id, claim).then().statusCode(200);
        api.get(g.patient(), "/accounts/me").then().statusCode(401);
    }

    @Test
    void patientCancelsRecovery_withCurrentToken_andNoGuardianCanPushItThrough() throws InterruptedException {
        Guarded g = guarded("Patient who still has their token");
        Response opened = RecoveryIT.openRecovery(g.guardians().get(0).token(), g.patient());
        String id = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        RecoveryIT.approve(g.guardians().get(0), id).then().statusCode(200);
        RecoveryIT.approve(g.guardians().get(1), id).then().statusCode(200);

        refused(cancel(g.guardians().get(0).token(), id), 403, "SALUS-1356");
        refused(cancel(api.open("PATIENT", "Another patient").token(), id), 403, "SALUS-1356");
        cancel(g.patient().token(), id).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo(g.patient().id()));

        Thread.sleep(TestNodes.RECOVERY_WAIT_SECONDS * 1000L + 500);
        refused(RecoveryIT.complete(id, claim), 409, "SALUS-1355");
        refused(RecoveryIT.approve(g.guardians().get(2), id), 409, "SALUS-1355");
        refused(cancel(g.patient().token(), id), 409, "SALUS-1355");
        long chainId = ((Number) opened.path("chainRequestId")).longValue();
        assertThat(node.recoveryLedger().request(chainId).cancelled()).isTrue();
        api.get(g.patient(), "/accounts/me").then().statusCode(200);
    }

    @Test
    void patientCancelsRecovery_withTheirKey_withoutAToken() {
        Guarded g = guarded("Patient who kept their key");
        String id = RecoveryIT.openRecovery(g.guardians().get(1).token(), g.patient()).path("recoveryId");
        Response prepared = given().baseUri(api.url).post("/recoveries/" + id + "/cancellation/prepare");
        prepared.then().statusCode(200).body("patient", equalTo(g.patient().address().toLowerCase()));
        var patient = node.accountStore().find(AccountId.parse(g.patient().id()).orElseThrow()).orElseThrow();
        byte[] key = keys.unsealSigningKey(patient.address(),
                node.accountStore().sealedKeys(patient.id()).orElseThrow().signingPrivateKey()).orElseThrow();
        byte[] digest = HexFormat.of().parseHex(((String) prepared.path("digest")).substring(2));
        String signature = HexFormat.of().formatHex(new EvmSigner().sign(Hash32.of(digest), key));

        Map<String, Object> body = Map.of("nonce", prepared.path("nonce"), "deadline", prepared.path("deadline"),
                "signature", signature);
        byte[] guardianKey = keys.unsealSigningKey(node.accountStore().find(AccountId.parse(g.guardians().get(0).id())
                .orElseThrow()).orElseThrow().address(), node.accountStore().sealedKeys(
                        AccountId
                                .parse(g.guardians().get(0).id()).orElseThrow())
                        .orElseThrow().signingPrivateKey())
                .orElseThrow();
        Map<String, Object> forged = Map.of("nonce", prepared.path("nonce"), "deadline", prepared.path("deadline"),
                "signature", HexFormat.of().formatHex(new EvmSigner().sign(Hash32.of(digest), guardianKey)));
        refused(given().baseUri(api.url).contentType(ContentType.JSON).body(forged)
                .post("/recoveries/" + id + "/cancellation"), 422, "SALUS-0414");

        given().baseUri(api.url).contentType(ContentType.JSON).body(body).post("/recoveries/" + id + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void thePatientAndEveryGuardian_areAlerted_whenARecoveryOpensIsApprovedAndCompletes_orIsCancelled()
            throws InterruptedException {
        Guarded g = guarded("Alerted patient");
        Response opened = RecoveryIT.openRecovery(g.guardians().get(2).token(), g.patient());
        String id = opened.path("recoveryId");
        RecoveryIT.approve(g.guardians().get(0), id).then().statusCode(200);
        RecoveryIT.approve(g.guardians().get(1), id).then().statusCode(200);
        RecoveryIT.completeAfterWaiting(id, opened.path("claimToken")).then().statusCode(200);

        for (Api.Acct guardian : g.guardians()) {
            assertThat(alertsOf(guardian)).filteredOn(a -> id.equals(a.get("recoveryId"))).extracting(a -> a.get(
                    "kind")).containsExactlyInAnyOrder("RECOVERY_OPENED", "RECOVERY_APPROVED", "RECOVERY_APPROVED",
                            "RECOVERY_COMPLETED");
        }
        String newToken = RecoveryIT.complete(id, opened.path("claimToken")).path("apiToken");
        Api.Acct rotated = new Api.Acct(g.patient().id(), newToken, g.patient().address());
        List<Map<String, Object>> patientAlerts = api.get(rotated, "/patients/" + g.patient().id() + "/alerts")
                .then().statusCode(200).extract().path("alerts");
        assertThat(patientAlerts).extracting(a -> a.get("kind")).contains("RECOVERY_OPENED", "RECOVERY_APPROVED",
                "RECOVERY_COMPLETED");
        assertThat(patientAlerts).filteredOn(a -> "RECOVERY_OPENED".equals(a.get("kind"))).singleElement()
                .satisfies(a -> assertThat((String) a.get("text")).contains("guardian 3").contains("cancel"));

        Guarded h = guarded("Patient alerted of a cancellation");
        String other = RecoveryIT.openRecovery(api.operatorToken, h.patient()).path("recoveryId");
        assertThat(SalusCli.run(new String[]{"recovery", "cancel", "--url", api.url, "--token",
                h.guardians().get(0).token(), "--recovery", other})).as("a guardian cannot cancel").isNotZero();
        assertThat(SalusCli.run(new String[]{"recovery", "cancel", "--url", api.url, "--token", h.patient().token(),
                "--recovery", other})).isZero();
        for (Api.Acct a : List.of(h.patient(), h.guardians().get(0), h.guardians().get(1), h.guardians().get(2))) {
            assertThat(alertsOf(a)).extracting(x -> x.get("kind")).containsExactlyInAnyOrder("RECOVERY_OPENED",
                    "RECOVERY_CANCELLED");
        }
    }

    private static long requestCount() {
        long n = 1;
        while (!node.recoveryLedger().request(n).patient().hex().equals("0x" + "0".repeat(40))) {
            n++;
        }
        return n - 1;
    }
}
