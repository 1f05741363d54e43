package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.core.consent.ConsentEvent;
import io.salus.node.cli.SalusCli;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caregiver or legal representative acts for a patient within the scopes the patient stated, until a time, revocably,
 * on chain, and every delegated read goes through the decision point and the audit trail, on the real engines.
 */
class DelegationIT {
    static Node node;
    static Api api;
    static ConsentRequests consent;

    @BeforeAll
    static void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
    }

    static Api.Acct patientWithData(String tag) throws Exception {
        Api.Acct p = api.open("PATIENT", "Delegating patient " + tag);
        api.deposit(p, p, Bundles.patientWithObservations(tag + "-" + UUID.randomUUID(), 3), null).then()
                .statusCode(201);
        api.awaitAnchored(p, 4, Duration.ofSeconds(60));
        return p;
    }

    static Response delegate(Api.Acct actor, Api.Acct patient, Api.Acct delegate, List<String> scopes,
            Instant until) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON)
                .body(Map.of("scopes", scopes, "validUntil", until.toString()))
                .put("/patients/" + patient.id() + "/delegations/" + delegate.id());
    }

    static Response revoke(Api.Acct actor, Api.Acct patient, Api.Acct delegate) {
        return given().baseUri(api.url).auth().oauth2(actor.token())
                .delete("/patients/" + patient.id() + "/delegations/" + delegate.id());
    }

    static void refused(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    static String firstRecordId(Api.Acct patient) {
        return (String) api.records(patient).get(0).get("id");
    }

    @Test
    void aCaregiverWithViewRecords_listsAndReadsTheRecords_andEachReadIsAuditedAndLoggedOnChain() throws Exception {
        Api.Acct p = patientWithData("viewer");
        Api.Acct daughter = api.open("CAREGIVER", "Daughter");
        consent.delegate(p, daughter, List.of("VIEW_RECORDS")).then().statusCode(200);

        List<Map<String, Object>> listed = api.get(daughter, "/patients/" + p.id() + "/records").then()
                .statusCode(200).extract().path("records");
        assertThat(listed).hasSize(4);
        String recordId = (String) listed.stream().filter(r -> "VITAL_SIGNS".equals(r.get("category"))).findFirst()
                .orElseThrow().get("id");
        api.get(daughter, "/records/" + recordId).then().statusCode(200).contentType("application/fhir+json")
                .header("X-Salus-Category", "VITAL_SIGNS").body("resourceType", equalTo("Observation"));

        List<Map<String, Object>> log = consent.accessLog(p);
        assertThat(log).filteredOn(e -> daughter.id().equals(e.get("requesterId"))).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.get("decision")).isEqualTo("PERMIT");
                    assertThat(e.get("purpose")).isEqualTo("PATRQT");
                    assertThat((String) e.get("reason")).contains("delegation from the patient with VIEW_RECORDS");
                    assertThat(e.get("txHash")).isNotNull();
                });
        api.get(p, "/audit/patients/" + p.id()).then().statusCode(200).body("verified", is(true));
    }

    @Test
    void afterRevocation_theCaregiversReadsAreRefusedWithTheDecisionsCode_andTheRefusalsAreAudited()
            throws Exception {
        Api.Acct p = patientWithData("revoking");
        Api.Acct son = api.open("CAREGIVER", "Son");
        consent.delegate(p, son, List.of("VIEW_RECORDS")).then().statusCode(200);
        String recordId = firstRecordId(p);
        api.get(son, "/records/" + recordId).then().statusCode(200);

        revoke(p, p, son).then().statusCode(200).body("revoked", is(true));

        refused(api.get(son, "/records/" + recordId), 403, "SALUS-0410");
        refused(api.get(son, "/patients/" + p.id() + "/records"), 403, "SALUS-0410");
        assertThat(consent.accessLog(p)).anySatisfy(e -> {
            assertThat(e.get("requesterId")).isEqualTo(son.id());
            assertThat(e.get("decision")).isEqualTo("DENY");
            assertThat(e.get("code")).isEqualTo("SALUS-0410");
        });
        refused(revoke(p, p, son), 404, "SALUS-0761");
        api.get(p, "/patients/" + p.id() + "/delegations").then().statusCode(200)
                .body("delegations[0].delegateId", equalTo(son.id()))
                .body("delegations[0].status", equalTo("REVOKED"));
    }

    @Test
    void afterExpiry_theCaregiversReadIsRefusedWithTheDecisionsCode() throws Exception {
        Api.Acct p = patientWithData("expiring");
        Api.Acct neighbour = api.open("CAREGIVER", "Neighbour");
        Instant until = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        delegate(p, p, neighbour, List.of("VIEW_RECORDS"), until).then().statusCode(200);
        String recordId = firstRecordId(p);
        while (!Instant.now().isAfter(until.plusSeconds(1))) {
            Thread.sleep(200);
        }

        refused(api.get(neighbour, "/records/" + recordId), 403, "SALUS-0410");
        api.get(neighbour, "/accounts/me/delegations").then().statusCode(200)
                .body("actingFor[0].patientId", equalTo(p.id()))
                .body("actingFor[0].status", equalTo("EXPIRED"));
    }

    @Test
    void aValidUntilInThePastOrADelegationToOneselfIsRefused() {
        Api.Acct p = api.open("PATIENT", "Careless patient");
        Api.Acct carer = api.open("CAREGIVER", "Carer");
        refused(delegate(p, p, carer, List.of("VIEW_RECORDS"), Instant.now().minusSeconds(60)), 422, "SALUS-0762");
        refused(delegate(p, p, p, List.of("VIEW_RECORDS"), Instant.now().plusSeconds(600)), 422, "SALUS-0762");
    }

    @Test
    void aDelegateWithoutManageConsentCannotGrant_andWithItGrantsAndRevokes_signedOnChainByTheDelegate()
            throws Exception {
        Api.Acct p = patientWithData("managed");
        Api.Acct viewer = api.open("CAREGIVER", "Viewer only");
        Api.Acct guardian = api.open("CAREGIVER", "Legal guardian");
        consent.delegate(p, viewer, List.of("VIEW_RECORDS")).then().statusCode(200);
        consent.delegate(p, guardian, List.of("MANAGE_CONSENT")).then().statusCode(200);
        Instant from = Instant.now().minusSeconds(60);
        Instant until = Instant.now().plus(10, ChronoUnit.DAYS);

        refused(consent.grant(viewer, p, List.of("VITAL_SIGNS"), List.of("PUBLIC_HEALTH"), List.of("PUBHLTH"), from,
                until), 403, "SALUS-0410");

        Response granted = consent.grant(guardian, p, List.of("VITAL_SIGNS"), List.of("PUBLIC_HEALTH"),
                List.of("PUBHLTH"), from, until);
        granted.then().statusCode(201);
        long grantId = ((Number) granted.path("grantId")).longValue();
        long block = ((Number) granted.path("block")).longValue();
        List<ConsentEvent> onChain = EvmConsentLedger.on(node.ledger()).events(block, block);
        assertThat(onChain).filteredOn(e -> e instanceof ConsentEvent.GrantRecorded g && g.grant().id() == grantId)
                .singleElement().satisfies(e -> {
                    var g = ((ConsentEvent.GrantRecorded) e).grant();
                    assertThat(g.signer().hex()).isEqualToIgnoringCase(guardian.address());
                    assertThat(g.terms().patient().hex()).isEqualToIgnoringCase(p.address());
                });

        refused(consent.revoke(viewer, grantId), 403, "SALUS-0410");
        consent.revoke(guardian, grantId).then().statusCode(200);
        api.get(p, "/patients/" + p.id() + "/consents").then().statusCode(200)
                .body("grants[0].signer", equalTo(guardian.address().toLowerCase(java.util.Locale.ROOT)))
                .body("grants[0].revokedAtBlock", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aDelegateManagingConsentCannotCreateWidenOrRevokeDelegations() {
        Api.Acct p = api.open("PATIENT", "Represented patient");
        Api.Acct guardian = api.open("CAREGIVER", "Guardian");
        Api.Acct friend = api.open("CAREGIVER", "Guardian's friend");
        consent.delegate(p, guardian, List.of("MANAGE_CONSENT")).then().statusCode(200);
        Instant until = Instant.now().plus(1, ChronoUnit.DAYS);

        refused(delegate(guardian, p, guardian, List.of("VIEW_RECORDS", "MANAGE_CONSENT", "RECEIVE_ALERTS"), until),
                403, "SALUS-0760");
        refused(delegate(guardian, p, friend, List.of("VIEW_RECORDS"), until), 403, "SALUS-0760");
        refused(revoke(guardian, p, guardian), 403, "SALUS-0760");
        api.get(p, "/patients/" + p.id() + "/delegations").then().statusCode(200)
                .body("delegations.size()", equalTo(1)).body("delegations[0].scopes", equalTo(List.of(
                        "MANAGE_CONSENT")));
        api.get(guardian, "/accounts/me/delegations").then().statusCode(200)
                .body("actingFor[0].patientId", equalTo(p.id()))
                .body("actingFor[0].status", equalTo("ACTIVE"));
    }

    @Test
    void alertsAreVisibleToThePatientAndToDelegatesReceivingAlertsOnly_andAStrangerSeesNeitherAlertsNorDelegations()
            throws Exception {
        Api.Acct p = patientWithData("alerted");
        Api.Acct sister = api.open("CAREGIVER", "Sister receiving alerts");
        Api.Acct viewer = api.open("CAREGIVER", "Viewer without alerts");
        Api.Acct stranger = api.open("PATIENT", "Stranger");
        consent.delegate(p, sister, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        consent.delegate(p, viewer, List.of("VIEW_RECORDS")).then().statusCode(200);
        api.get(viewer, "/records/" + firstRecordId(p)).then().statusCode(200);
        consent.access(stranger, p, "HRESCH", "VITAL_SIGNS").then().statusCode(403);
        long grantId = consent.grantOk(p, List.of("LAB_RESULTS"), List.of("PUBLIC_HEALTH"), List.of("PUBHLTH"));
        consent.revoke(p, grantId).then().statusCode(200);

        List<Map<String, Object>> alerts = api.get(sister, "/patients/" + p.id() + "/alerts").then().statusCode(200)
                .extract().path("alerts");
        assertThat(alerts).extracting(a -> a.get("kind")).contains("ACCESS_PERMITTED", "ACCESS_DENIED",
                "CONSENT_GRANTED", "CONSENT_REVOKED", "DELEGATION_CHANGED");
        assertThat(alerts).filteredOn(a -> "ACCESS_PERMITTED".equals(a.get("kind")))
                .anySatisfy(a -> assertThat(a.get("requesterId")).isEqualTo(viewer.id()));
        assertThat(alerts).filteredOn(a -> "ACCESS_DENIED".equals(a.get("kind")))
                .anySatisfy(a -> assertThat(a.get("requesterId")).isEqualTo(stranger.id()));
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("at")).isNotNull());
        api.get(p, "/patients/" + p.id() + "/alerts").then().statusCode(200);

        refused(api.get(viewer, "/patients/" + p.id() + "/alerts"), 403, "SALUS-0410");
        refused(api.get(stranger, "/patients/" + p.id() + "/alerts"), 403, "SALUS-0410");
        refused(api.get(stranger, "/patients/" + p.id() + "/delegations"), 403, "SALUS-0101");
        refused(api.get(sister, "/patients/" + p.id() + "/delegations"), 403, "SALUS-0101");
        refused(api.get(stranger, "/patients/" + p.id() + "/records"), 403, "SALUS-0101");
        refused(api.get(stranger, "/records/" + firstRecordId(p)), 404, "SALUS-0200");
    }

    @Test
    void aDealThatPaysThePatient_isADealPaidAlert_andTheCaregiverShareGoesOnlyToACaregiverNotAnAlertsOnlyDelegate()
            throws Exception {
        Api.Acct issuer = consent.trustedIssuer("INSURER");
        Api.Acct insurer = api.open("CONSUMER", "Delegation test insurer");
        consent.attest(issuer, insurer, "INSURER", "COVERAGE");
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("organisation", "Delegation test insurer " + UUID.randomUUID()))
                .put("/accounts/" + insurer.id() + "/organisation").then().statusCode(200);
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 100_000_000L)).post("/accounts/" + insurer.id() + "/tokens").then()
                .statusCode(200);
        Api.Acct p = api.open("PATIENT", "Delegating patient paid by a deal");
        Api.Acct clinic = api.open("HOSPITAL", "Delegation test clinic");
        api.link(p, clinic);
        api.deposit(clinic, p, io.salus.testkit.Fixtures.bytes(io.salus.testkit.Fixtures.syntheaBundles().get(0)),
                null).then().statusCode(201);
        Api.Acct partner = api.open("CAREGIVER", "Partner receiving alerts");
        consent.delegate(p, partner, List.of("RECEIVE_ALERTS")).then().statusCode(200);
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("INSURER"), "purposes",
                        List.of("COVERAGE"), "validUntil", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/patients/" + p.id() + "/consents").then().statusCode(201);
        Api.Acct carer = api.open("CAREGIVER", "Carer who views the records");
        for (int i = 0; i < 13; i++) {
            Api.Acct other = api.open("PATIENT", "Insured patient " + i);
            if (i == 0) {
                consent.delegate(other, carer, List.of("VIEW_RECORDS")).then().statusCode(200);
            }
            api.link(other, clinic);
            api.deposit(clinic, other, ErasureBundles.heartRates("insured " + i, 60 + i, 2), null).then()
                    .statusCode(201);
            given().baseUri(api.url).auth().oauth2(other.token()).contentType(ContentType.JSON)
                    .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("INSURER"),
                            "purposes", List.of("COVERAGE"), "validUntil", Instant.now().plus(1, ChronoUnit.DAYS)
                                    .toString()))
                    .post("/patients/" + other.id() + "/consents").then().statusCode(201);
        }
        Response posted = given().baseUri(api.url).auth().oauth2(insurer.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", Map.of("age", Map.of("min", 0, "max", 150)), "categories",
                        List.of("VITAL_SIGNS"), "purpose", "COVERAGE", "pricePerPatient", 1_000_000L, "maxPatients",
                        20, "deadline", Instant.now().plus(1, ChronoUnit.HOURS).toString(), "split",
                        Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500,
                                "operator", 1000)))
                .post("/deals");
        posted.then().statusCode(201);
        String dealId = posted.path("dealId");
        given().baseUri(api.url).auth().oauth2(insurer.token()).contentType(ContentType.JSON)
                .body(Map.of("epsilon", "4")).post("/deals/" + dealId + "/match").then().statusCode(200)
                .body("status", equalTo("MATCHED"));
        given().baseUri(api.url).auth().oauth2(insurer.token()).post("/deals/" + dealId + "/deliver").then()
                .statusCode(200).body("status", equalTo("SETTLED"));
        List<Map<String, Object>> payments = given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .get("/accounts/" + p.id() + "/earnings").then().statusCode(200).extract().path("payments");
        assertThat(payments).singleElement().satisfies(pay -> {
            assertThat(pay.get("role")).isEqualTo("PATIENT");
            assertThat(((Number) pay.get("amount")).longValue()).as("the caregiver part stays with the patient: "
                    + "a delegate who only receives alerts is no caregiver").isEqualTo(650_000L);
        });
        assertThat((List<?>) given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .get("/accounts/" + partner.id() + "/earnings").then().statusCode(200).extract().path("payments"))
                .isEmpty();
        List<Map<String, Object>> carerPaid = given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .get("/accounts/" + carer.id() + "/earnings").then().statusCode(200).extract().path("payments");
        assertThat(carerPaid).singleElement().satisfies(pay -> {
            assertThat(pay.get("role")).isEqualTo("CAREGIVER");
            assertThat(((Number) pay.get("amount")).longValue()).isEqualTo(50_000L);
        });

        List<Map<String, Object>> alerts = api.get(partner, "/patients/" + p.id() + "/alerts").then()
                .statusCode(200).extract().path("alerts");
        assertThat(alerts).filteredOn(a -> "DEAL_PAID".equals(a.get("kind"))).singleElement()
                .satisfies(a -> {
                    assertThat(a.get("dealId")).isEqualTo(dealId);
                    assertThat(((Number) a.get("amount")).longValue()).isPositive();
                    assertThat(a.get("txHash")).isNotNull();
                });
    }

    @Test
    void theDelegationCommandsGrantListShowAlertsAndRevoke_andExitNonZeroOnARefusal() {
        Api.Acct p = api.open("PATIENT", "CLI delegating patient");
        Api.Acct carer = api.open("CAREGIVER", "CLI carer");
        String[] asPatient = {"--url", api.url, "--token", p.token()};
        String[] asCarer = {"--url", api.url, "--token", carer.token()};
        assertThat(SalusCli.run(concat(new String[]{"delegation", "grant", "--patient", p.id(), "--delegate",
                carer.id(), "--scopes", "VIEW_RECORDS,RECEIVE_ALERTS", "--until",
                Instant.now().plus(5, ChronoUnit.DAYS).toString()}, asPatient))).isZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "list", "--patient", p.id()}, asPatient)))
                .isZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "list"}, asCarer))).isZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "alerts", "--patient", p.id()}, asCarer)))
                .isZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "revoke", "--patient", p.id(), "--delegate",
                carer.id()}, asCarer))).isNotZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "revoke", "--patient", p.id(), "--delegate",
                carer.id()}, asPatient))).isZero();
        assertThat(SalusCli.run(concat(new String[]{"delegation", "alerts", "--patient", p.id()}, asCarer)))
                .isNotZero();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
