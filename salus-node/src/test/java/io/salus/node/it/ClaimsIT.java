package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.EvmAddress;
import io.salus.core.claims.StoredClaim;
import io.salus.core.error.ErrorCode;
import io.salus.crypto.credential.Holder;
import io.salus.fhir.claims.ClaimForm;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Insurance claims on the whole node over HTTP (docs/care.md): an insurer's coverage and funds, a licensed provider's
 * FHIR R4 Claim citing consented evidence, the automatic adjudication, the digest anchored and the approved amount paid
 * to the provider on ClaimsPayout; a claim refused by each rule; and the attacks, named for what they stop.
 */
class ClaimsIT {
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String VISIT = "99213";
    static final String PANEL = "80053";
    private Node node;
    private Api api;
    private ConsentRequests consent;
    private CredentialFixture credentials;
    private Api.Acct board;

    @BeforeEach
    void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        credentials = new CredentialFixture(api);
        board = consent.trustedIssuer("PHYSICIAN_LICENCE", "HOSPITAL_LICENCE", "INSURER");
    }

    record World(Api.Acct patient, Api.Acct provider, ECKey providerKey, String licence, Api.Acct insurer,
            String coverage, String evidence) {
    }

    /** A patient with a record consented to the insurer for payment, a licensed physician, a funded insurer. */
    World world() {
        Api.Acct patient = api.open("PATIENT", "Claims patient " + UUID.randomUUID());
        api.deposit(patient, patient, Bundles.patientWithObservations("cl-" + UUID.randomUUID(), 1), null).then()
                .statusCode(201);
        String evidence = (String) api.records(patient).stream().filter(r -> "VITAL_SIGNS".equals(r.get("category")))
                .findFirst().orElseThrow().get("id");
        Api.Acct insurer = api.open("CONSUMER", "Insurer " + UUID.randomUUID());
        consent.attest(board, insurer, "INSURER", "HPAYMT");
        consent.grantOk(patient, List.of("VITAL_SIGNS"), List.of("INSURER"), List.of("HPAYMT"));
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 1_000_000_000L)).post("/accounts/" + insurer.id() + "/tokens").then()
                .statusCode(200);
        post(insurer, "/claims/funds", Map.of("amount", 500_000_000L)).then().statusCode(200);
        Response cov = post(insurer, "/coverages", Map.of("patientId", patient.id(), "start",
                TODAY.minusDays(30).toString(), "end", TODAY.plusDays(30).toString(), "limits",
                Map.of(VISIT, 150_000_000L, PANEL, 40_000_000L)));
        cov.then().statusCode(201);
        Api.Acct physician = api.open("PHYSICIAN", "Dr " + UUID.randomUUID());
        ECKey key = Holder.newKey();
        CredentialFixture.Issued licence = credentials.issue(board, physician, "PHYSICIAN_LICENCE", key, "TREAT");
        CredentialFixture.Nonce n = credentials.nonce(physician);
        String p = Holder.present(licence.sdJwt(), Set.of("purposes"), key, n.audience(), n.nonce(), Instant.now());
        post(physician, "/providers/me/licence", Map.of("presentation", p)).then().statusCode(201);
        return new World(patient, physician, key, licence.id(), insurer, cov.path("coverageId"), evidence);
    }

    Response post(Api.Acct who, String path, Object body) {
        return given().baseUri(api.url).auth().oauth2(who.token()).contentType(ContentType.JSON).body(body)
                .post(path);
    }

    static String claim(World w, Api.Acct provider, Optional<String> payee, String service, LocalDate day,
            String amount, List<String> evidence) {
        return new ClaimForm(w.patient().id(), "Practitioner", provider.id(), w.coverage(), payee,
                List.of(new ClaimForm.Item(service, day, new BigDecimal(amount))), evidence).json();
    }

    static String claim(World w, String service, LocalDate day, String amount) {
        return claim(w, w.provider(), Optional.of(w.provider().id()), service, day, amount, List.of(w.evidence()));
    }

    Response submit(Api.Acct provider, Api.Acct patient, String body) {
        return given().baseUri(api.url).auth().oauth2(provider.token()).contentType("application/fhir+json")
                .body(body).post("/patients/" + patient.id() + "/claims");
    }

    Response awaitState(Api.Acct who, String claimId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response r = api.get(who, "/claims/" + claimId);
            if (state.equals(r.path("state"))) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("claim not " + state + ": " + r.asString());
            }
            Thread.sleep(200);
        }
    }

    int claimsOf(Api.Acct who) {
        return api.get(who, "/claims").then().statusCode(200).extract().<List<?>>path("claims").size();
    }

    @Test
    void approvedClaim_isAnchoredAndPaidToTheProvider_andItsPartiesSeeIt() throws InterruptedException {
        World w = world();
        long before = node.claims().ledger().balanceOf(new EvmAddress(w.provider().address()));
        Response r = submit(w.provider(), w.patient(), claim(w, VISIT, TODAY, "120.50"));
        r.then().statusCode(201);
        assertThat((String) r.path("outcome")).isEqualTo("APPROVED");
        assertThat(((Number) r.path("approvedTotal")).longValue()).isEqualTo(120_500_000L);
        assertThat((String) r.path("claimResponse.resourceType")).isEqualTo("ClaimResponse");
        assertThat((String) r.path("claimResponse.disposition")).startsWith("Approved");
        String id = r.path("claimId");

        Response paid = awaitState(w.patient(), id, "PAID");
        assertThat((String) paid.path("anchorTx")).startsWith("0x");
        assertThat(node.claims().ledger().balanceOf(new EvmAddress(w.provider().address())) - before)
                .isEqualTo(120_500_000L);
        var onChain = node.claims().ledger().claimOf(StoredClaim.chainKey(UUID.fromString(id)));
        assertThat(onChain.digest().hex()).isEqualTo(paid.path("digest"));
        assertThat(onChain.paid()).isTrue();
        assertThat(node.claims().ledger().pay(StoredClaim.chainKey(UUID.fromString(id))).failure().code())
                .as("a second payout of the same claim, through the node's ledger").isEqualTo(
                        ErrorCode.CLAIM_ALREADY_PAID);
        assertThat(node.claims().ledger().balanceOf(new EvmAddress(w.provider().address())) - before)
                .isEqualTo(120_500_000L);
        api.get(w.provider(), "/claims/" + id).then().statusCode(200);
        api.get(w.insurer(), "/claims/" + id).then().statusCode(200);
        assertThat(claimsOf(w.patient())).isEqualTo(1);
        assertThat(claimsOf(w.insurer())).isEqualTo(1);
        assertThat(((Number) api.get(w.insurer(), "/claims/funds").path("funds")).longValue())
                .isEqualTo(500_000_000L - 120_500_000L);
    }

    @Test
    void claimsBeyondEachRule_areRefusedWithTheirReason_anchored_andNeverPaid() throws InterruptedException {
        World w = world();
        Map<String, String> refused = Map.of(
                "coverage-inactive", claim(w, VISIT, TODAY.plusDays(60), "10"),
                "service-not-covered", claim(w, "70450", TODAY, "10"),
                "amount-over-limit", claim(w, PANEL, TODAY, "40.000001"));
        for (var e : refused.entrySet()) {
            Response r = submit(w.provider(), w.patient(), e.getValue());
            r.then().statusCode(201);
            assertThat((String) r.path("outcome")).as(e.getKey()).isEqualTo("REFUSED");
            assertThat(r.<List<String>>path("reasons")).as(e.getKey()).containsExactly(e.getKey());
            assertThat(((Number) r.path("approvedTotal")).longValue()).isZero();
            assertThat(awaitState(w.patient(), r.path("claimId"), "REFUSED").<String>path("payoutTx")).isNull();
        }
        assertThat(((Number) api.get(w.insurer(), "/claims/funds").path("funds")).longValue())
                .isEqualTo(500_000_000L);
    }

    @Test
    void claimCitingEvidenceThePatientDidNotConsentToTheInsurer_isRefused() {
        World w = world();
        Api.Acct other = api.open("PATIENT", "Other patient " + UUID.randomUUID());
        api.deposit(other, other, Bundles.patientWithObservations("cl-o-" + UUID.randomUUID(), 1), null);
        String foreign = (String) api.records(other).get(0).get("id");
        String unconsented = (String) api.records(w.patient()).stream()
                .filter(r -> !"VITAL_SIGNS".equals(r.get("category"))).findFirst().orElseThrow().get("id");
        Response r = submit(w.provider(), w.patient(), claim(w, w.provider(), Optional.empty(), VISIT, TODAY, "10",
                List.of(w.evidence(), unconsented)));
        assertThat(r.<List<String>>path("reasons")).containsExactly("evidence-not-consented");
        Response none = submit(w.provider(), w.patient(), claim(w, w.provider(), Optional.empty(), VISIT, TODAY,
                "10", List.of(foreign)));
        assertThat(none.<List<String>>path("reasons")).containsExactly("evidence-missing");
        assertThat((String) none.path("outcome")).isEqualTo("REFUSED");
    }

    @Test
    void unlicensedProvidersClaim_isRefused_andARevokedProvider_cannotSubmitAtAll() {
        World w = world();
        Api.Acct unlicensed = api.open("PHYSICIAN", "Dr unlicensed " + UUID.randomUUID());
        Response r = submit(unlicensed, w.patient(), claim(w, unlicensed, Optional.empty(), VISIT, TODAY, "10",
                List.of(w.evidence())));
        r.then().statusCode(201);
        assertThat(r.<List<String>>path("reasons")).containsExactly("provider-unlicensed");

        credentials.revoke(board, w.licence()).then().statusCode(200);
        int before = claimsOf(w.patient());
        Response revoked = submit(w.provider(), w.patient(), claim(w, VISIT, TODAY, "10"));
        revoked.then().statusCode(403).contentType("application/problem+json");
        assertThat((String) revoked.path("code")).isEqualTo(ErrorCode.LICENCE_REVOKED.code());
        assertThat(claimsOf(w.patient())).isEqualTo(before);
    }

    @Test
    void providerClaimingForAnotherProvidersPayee_isRefused_andNothingIsStored() {
        World w = world();
        Api.Acct rival = api.open("HOSPITAL", "Rival hospital " + UUID.randomUUID());
        Response payee = submit(w.provider(), w.patient(), claim(w, w.provider(), Optional.of(rival.id()), VISIT,
                TODAY, "10", List.of(w.evidence())));
        payee.then().statusCode(403);
        assertThat((String) payee.path("code")).isEqualTo(ErrorCode.CLAIM_PAYEE_NOT_PROVIDER.code());
        Response asRival = submit(w.provider(), w.patient(), claim(w, rival, Optional.of(rival.id()), VISIT, TODAY,
                "10", List.of(w.evidence())));
        assertThat((String) asRival.path("code")).isEqualTo(ErrorCode.CLAIM_WRONG_PROVIDER.code());
        assertThat(claimsOf(w.patient())).isZero();
    }

    @Test
    void anotherPatientOrInsurer_cannotReadAClaim() {
        World w = world();
        String id = submit(w.provider(), w.patient(), claim(w, VISIT, TODAY, "10")).path("claimId");
        World other = world();
        for (Api.Acct stranger : List.of(other.patient(), other.insurer(), other.provider())) {
            Response r = api.get(stranger, "/claims/" + id);
            r.then().statusCode(404);
            assertThat((String) r.path("code")).isEqualTo(ErrorCode.CLAIM_NOT_FOUND.code());
            assertThat(api.get(stranger, "/claims").asString()).doesNotContain(id);
        }
    }

    @Test
    void malformedOrHostileClaims_areRefusedWithProblemJson_andNothingIsStored() {
        World w = world();
        String good = claim(w, VISIT, TODAY, "10");
        Map<String, String> hostile = Map.of(
                "bad JSON", "{\"resourceType\":\"Claim\",",
                "wrong resource type", "{\"resourceType\":\"Patient\",\"id\":\"p\"}",
                "huge amount", claim(w, VISIT, TODAY, "99999999999999999999"),
                "negative amount", claim(w, VISIT, TODAY, "-120"),
                "not R4", good.replace("\"status\":\"active\",", ""),
                "another patient", good.replace("Patient/" + w.patient().id(), "Patient/" + UUID.randomUUID()),
                "unknown coverage", good.replace(w.coverage(), UUID.randomUUID().toString()));
        for (var e : hostile.entrySet()) {
            Response r = submit(w.provider(), w.patient(), e.getValue());
            assertThat(r.statusCode()).as(e.getKey()).isBetween(400, 499);
            assertThat(r.contentType()).as(e.getKey()).startsWith("application/problem+json");
        }
        assertThat(claimsOf(w.patient())).isZero();
        assertThat(claimsOf(w.provider())).isZero();
    }

    @Test
    void aStoredClaim_holdsNoServiceAmountOrEvidenceInTheClear() throws Exception {
        World w = world();
        String id = submit(w.provider(), w.patient(), claim(w, VISIT, TODAY, "77.25")).path("claimId");
        String columns;
        byte[] sealed;
        try (var c = node.dataSource().getConnection(); var q = c.prepareStatement("""
                SELECT row_to_json(x)::text, sealed FROM (SELECT id, patient, provider, insurer, coverage,
                    submitted_at, outcome, approved_total, reasons, anchor_tx, payout_tx,
                    sealed_claim || sealed_response || sealed_approved AS sealed FROM claim WHERE id = ?::uuid) x""")) {
            q.setString(1, id);
            try (var rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                columns = rs.getString(1);
                sealed = rs.getBytes(2);
            }
        }
        assertThat(columns.replace("\\x", "")).doesNotContain("\"" + VISIT).doesNotContain("77.25")
                .doesNotContain(w.evidence()).doesNotContain("Practitioner");
        String bytes = new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(VISIT).doesNotContain("77.25").doesNotContain(w.evidence())
                .doesNotContain("Claim");
    }

    @Test
    void onlyAnInsurerPublishesCoverage_andOnlyAProviderSubmits() {
        World w = world();
        Response byPatient = post(w.patient(), "/coverages", Map.of("patientId", w.patient().id(), "start",
                TODAY.toString(), "end", TODAY.toString(), "limits", Map.of(VISIT, 1)));
        assertThat((String) byPatient.path("code")).isEqualTo(ErrorCode.CLAIM_NOT_AN_INSURER.code());
        Response byInsurer = submit(w.insurer(), w.patient(), claim(w, VISIT, TODAY, "10"));
        assertThat((String) byInsurer.path("code")).isEqualTo(ErrorCode.CLAIM_NOT_A_PROVIDER.code());
    }
}
