package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.AccountId;
import io.salus.core.record.Category;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.SealedRecord;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and erasure by crypto-shredding on the real engines: the export is a valid FHIR collection Bundle of every
 * record; after an erasure nothing of the patient decrypts or remains in the database, the cohort and undelivered deals
 * no longer include them, prior grants no longer release anything, and other patients are unaffected.
 */
class ErasureIT {
    static final TypeRef<Map<String, Object>> RECEIPT = new TypeRef<>() {
    };
    static Node node;
    static Api api;
    static ConsentRequests consent;
    static Api.Acct hospital;
    static Api.Acct lab;

    @BeforeAll
    static void setUp() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        Api.Acct issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER");
        lab = api.open("CONSUMER", "Erasure lab");
        consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH");
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("organisation", "Erasure lab university " + UUID.randomUUID()))
                .put("/accounts/" + lab.id() + "/organisation").then().statusCode(200);
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 1_000_000_000L)).post("/accounts/" + lab.id() + "/tokens").then()
                .statusCode(200);
        hospital = api.open("HOSPITAL", "Erasure hospital");
    }

    /** A patient with 1 Patient and 4 heart rates of {@code base}..{@code base + 3} /min, consenting to research. */
    static Api.Acct patient(String name, int base) throws InterruptedException {
        Api.Acct p = api.open("PATIENT", name);
        api.link(p, hospital);
        api.deposit(hospital, p, ErasureBundles.heartRates(name, base, 4), null).then().statusCode(201);
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("ACADEMIC_RESEARCHER"),
                        "purposes", List.of("HRESCH"), "validUntil",
                        Instant.now().plus(30, ChronoUnit.DAYS).toString(), "minPrice", 100))
                .post("/patients/" + p.id() + "/consents").then().statusCode(201);
        api.awaitAnchored(p, 5, Duration.ofSeconds(60));
        return p;
    }

    static Response erase(Api.Acct actor, Api.Acct patient, String confirm) {
        return given().baseUri(api.url).auth().oauth2(actor.token()).contentType(ContentType.JSON)
                .body(Map.of("confirm", confirm)).post("/patients/" + patient.id() + "/erasure");
    }

    static Response eraseOk(Api.Acct patient) {
        Response r = erase(patient, patient, "ERASE " + patient.id());
        r.then().statusCode(200);
        return r;
    }

    @Test
    void theExportIsAValidFhirCollectionBundleOfEveryRecordOfThePatient() {
        Api.Acct p = api.open("PATIENT", "Exporter");
        Response deposit = api.deposit(p, p, Fixtures.bytes(Fixtures.syntheaBundles().get(0)), null);
        deposit.then().statusCode(201);
        List<String> types = deposit.path("records.resourceType");

        Response export = api.get(p, "/patients/" + p.id() + "/export");
        export.then().statusCode(200).contentType("application/fhir+json");
        Bundle bundle = FhirContext.forR4Cached().newJsonParser()
                .parseResource(Bundle.class, new String(export.asByteArray(), StandardCharsets.UTF_8));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).hasSize(types.size());
        assertThat(bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList())
                .containsExactlyInAnyOrderElementsOf(types);
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));
        assertThat(export.header("X-Salus-Records")).isEqualTo(Integer.toString(types.size()));

        Api.Acct other = api.open("PATIENT", "Not the exporter");
        api.get(other, "/patients/" + p.id() + "/export").then().statusCode(403).body("code",
                equalTo("SALUS-0101"));
    }

    @Test
    void aDelegateWithViewRecordsExportsThroughTheDecisionPointAuditedAndOneWithoutItIsRefused() throws Exception {
        Api.Acct p = patient("Delegating", 7_500);
        Api.Acct carer = api.open("CAREGIVER", "Export carer");
        consent.delegate(p, carer, List.of("VIEW_RECORDS")).then().statusCode(200);

        Response export = api.get(carer, "/patients/" + p.id() + "/export");
        export.then().statusCode(200).contentType("application/fhir+json");
        Bundle bundle = FhirContext.forR4Cached().newJsonParser()
                .parseResource(Bundle.class, new String(export.asByteArray(), StandardCharsets.UTF_8));
        assertThat(bundle.getEntry()).hasSize(5);
        assertThat(consent.accessLog(p)).anySatisfy(e -> assertThat(e.get("requesterId")).isEqualTo(carer.id()));

        Api.Acct manager = api.open("CAREGIVER", "Consent manager");
        consent.delegate(p, manager, List.of("MANAGE_CONSENT")).then().statusCode(200);
        api.get(manager, "/patients/" + p.id() + "/export").then().statusCode(403).body("code",
                equalTo("SALUS-0410"));
    }

    @Test
    void aWrongOrMissingConfirmationIsRefusedWithItsCodeAndNothingIsErased() throws Exception {
        Api.Acct p = patient("Unconfirmed", 7_000);
        erase(p, p, "ERASE").then().statusCode(400).body("code", equalTo("SALUS-0741"));
        erase(p, p, "erase " + p.id()).then().statusCode(400).body("code", equalTo("SALUS-0741"));
        given().baseUri(api.url).auth().oauth2(p.token()).post("/patients/" + p.id() + "/erasure").then()
                .statusCode(400).body("code", equalTo("SALUS-0741"));
        api.get(p, "/patients/" + p.id() + "/erasure").then().statusCode(404).body("code", equalTo("SALUS-0743"));
        assertThat(api.records(p)).hasSize(5);
        assertThat(rowCount("SELECT count(*) FROM sealed_record WHERE patient = ?", p.id())).isEqualTo(5);
    }

    @Test
    void anotherAccountCannotEraseAPatient() throws Exception {
        Api.Acct p = patient("Protected", 7_100);
        Api.Acct other = api.open("PATIENT", "Intruder");
        erase(other, p, "ERASE " + p.id()).then().statusCode(403).body("code", equalTo("SALUS-0742"));
        erase(hospital, p, "ERASE " + p.id()).then().statusCode(403).body("code", equalTo("SALUS-0742"));
        assertThat(api.records(p)).hasSize(5);
    }

    @Test
    void anErasedPatientsPortalSessionEnds() throws Exception {
        Api.Acct p = patient("Signed in", 7_300);
        io.salus.node.web.PortalHttp portal = new io.salus.node.web.PortalHttp(api.url);
        assertThat(portal.signIn(p.token()).statusCode()).isEqualTo(303);
        assertThat(portal.get("/portal/patient").statusCode()).isEqualTo(200);
        eraseOk(p);
        HttpResponse<String> after = portal.get("/portal/patient");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith(
                "/portal/sign-in"));
    }

    @Test
    void aSecondErasureRequestReturnsTheFirstReceipt() throws Exception {
        Api.Acct p = patient("Twice", 7_200);
        Map<String, Object> first = eraseOk(p).as(RECEIPT);
        assertThat(first).containsEntry("recordsShredded", 5).containsEntry("anchoredRecords", 5)
                .containsEntry("depositsDeleted", 1).containsEntry("ciphertext", "deleted");
        assertThat((Integer) first.get("featuresDeleted")).isPositive();
        assertThat(eraseOk(p).as(RECEIPT)).isEqualTo(first);
        assertThat(api.get(p, "/patients/" + p.id() + "/erasure").then().statusCode(200).extract().as(RECEIPT))
                .isEqualTo(first);
    }

    @Test
    void afterErasureNothingOfThePatientDecryptsOrRemainsInTheDatabaseAndOthersAreUnaffected() throws Exception {
        Api.Acct erased = patient("Shredded", 7_300);
        Api.Acct kept = patient("Kept", 7_400);
        List<StoredRow> before = rows(erased);
        String recordId = before.get(1).id().toString();
        Response receipt = api.get(erased, "/records/" + recordId + "/receipt");
        receipt.then().statusCode(200);

        eraseOk(erased);

        for (String path : List.of("/records/" + recordId, "/records/" + recordId + "/receipt",
                "/records/" + recordId + "/verification", "/patients/" + erased.id() + "/records",
                "/patients/" + erased.id() + "/export", "/accounts/me")) {
            api.get(erased, path).then().statusCode(410).body("code", equalTo("SALUS-0740"));
        }
        TinkKeyManager keys = new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"),
                new SecureRandom()).open(TestNodes.SECRET.toCharArray()).orElseThrow();
        assertThat(rows(erased)).as("no sealed row of the erased patient").isEmpty();
        List<StoredRow> others = rows(kept);
        assertThat(others).hasSize(5).allSatisfy(r -> assertThat(keys.open(r.sealed(), r.aad(kept)).isOk()).isTrue());
        for (StoredRow r : before) {
            for (byte[] secret : List.of(r.salt(), r.contentHash(), r.sealed().wrappedKeyForNode(),
                    r.sealed().wrappedKeyForPatient(), r.sealed().ciphertext())) {
                assertThat(occurrencesInDatabase(secret)).as("bytes of record %s still stored", r.id()).isZero();
            }
        }
        assertThat(rowCount("SELECT count(*) FROM erased_record WHERE patient = ?", erased.id())).isEqualTo(5);
        assertThat(rowCount("SELECT count(*) FROM cohort_feature WHERE patient = ?", erased.id())).isZero();
        assertThat(rowCount("SELECT count(*) FROM patient_identifier WHERE patient = ?", erased.id())).isZero();

        Map<String, Object> leafOnly = Map.of("batchKey", receipt.path("batchKey"), "proof", receipt.path("proof"),
                "leaf", receipt.path("leaf"));
        given().baseUri(api.url).contentType(ContentType.JSON).body(leafOnly).post("/proofs/verify").then()
                .statusCode(200).body("verified", equalTo(true));

        String keptId = (String) api.records(kept).get(1).get("id");
        api.get(kept, "/records/" + keptId + "/verification").then().statusCode(200).body("verified",
                equalTo(true));
        api.get(kept, "/patients/" + kept.id() + "/export").then().statusCode(200);
    }

    @Test
    void afterErasureTheCohortAndAnUndeliveredDealNoLongerIncludeThePatientAndAPriorGrantReleasesNothing()
            throws Exception {
        int base = 8_000 + new SecureRandom().nextInt(1_000) * 10;
        Api.Acct erased = patient("Leaving", base);
        Api.Acct kept = patient("Staying", base + 4);
        cohort("Erasure cohort", base, 12);
        consent.access(lab, erased, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
        String staged = postDeal(base);
        matched(staged);

        eraseOk(erased);

        matched(postDeal(base));
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM deal_member WHERE patient = ?")) {
            s.setObject(1, UUID.fromString(erased.id()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("no deal names the erased patient").isZero();
            }
        }
        given().baseUri(api.url).auth().oauth2(lab.token()).post("/deals/" + staged + "/deliver").then()
                .statusCode(200).body("status", equalTo("SETTLED")).body("delivered", equalTo(13));
        assertThat(balance(kept)).isPositive();

        consent.access(lab, erased, "HRESCH", "VITAL_SIGNS").then().statusCode(410)
                .body("code", equalTo("SALUS-0740"));
        api.deposit(hospital, erased, ErasureBundles.heartRates("again", base, 1), null).then().statusCode(410)
                .body("code", equalTo("SALUS-0740"));
        assertThatThrownBy(() -> insertDeposit(erased)).isInstanceOf(SQLException.class)
                .hasMessageContaining("erased");
    }

    /** {@code n} more consenting patients with heart rates from {@code base}, made in parallel. */
    static void cohort(String name, int base, int n) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Api.Acct>> made = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                made.add(pool.submit(() -> patient(name + " " + k, base)));
            }
            for (var f : made) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anErasureSurvivesARestartAndNothingComesBack(@TempDir Path dir) throws Exception {
        Api.Acct p;
        Map<String, Object> receipt;
        try (Node n = TestNodes.start(dir)) {
            Api a = new Api(n);
            p = a.open("PATIENT", "Restarted");
            a.deposit(p, p, ErasureBundles.heartRates("restarted", 9_900, 3), null).then().statusCode(201);
            receipt = given().baseUri(a.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                    .body(Map.of("confirm", "ERASE " + p.id())).post("/patients/" + p.id() + "/erasure").then()
                    .statusCode(200).extract().as(RECEIPT);
        }
        try (Node n = TestNodes.start(dir)) {
            Api a = new Api(n);
            a.get(p, "/patients/" + p.id() + "/records").then().statusCode(410).body("code",
                    equalTo("SALUS-0740"));
            assertThat(a.get(p, "/patients/" + p.id() + "/erasure").then().statusCode(200).extract().as(RECEIPT))
                    .isEqualTo(receipt);
            a.deposit(p, p, ErasureBundles.heartRates("restarted", 9_900, 1), null).then().statusCode(410);
            try (Connection c = n.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT count(*) FROM sealed_record WHERE patient = ?")) {
                s.setObject(1, UUID.fromString(p.id()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        }
    }

    private static String postDeal(int base) {
        Map<String, Object> criteria = Map.of("all", List.of(
                Map.of("observation", Map.of("system", "loinc", "code", "8867-4", "value", Map.of(">=", base))),
                Map.of("observation", Map.of("system", "loinc", "code", "8867-4", "value", Map.of("<", base + 8)))));
        Response posted = given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", criteria, "categories", List.of("VITAL_SIGNS"), "purpose", "HRESCH",
                        "pricePerPatient", 1_000_000L, "maxPatients", 20, "deadline",
                        Instant.now().plus(1, ChronoUnit.HOURS).toString(), "split",
                        Map.of("patient", 6000, "providers", 2000, "caregiver", 500, "daoTreasury", 500,
                                "operator", 1000)))
                .post("/deals");
        posted.then().statusCode(201);
        return posted.path("dealId");
    }

    private static Response matched(String dealId) {
        Response r = given().baseUri(api.url).auth().oauth2(lab.token()).contentType(ContentType.JSON)
                .body(Map.of("epsilon", "4")).post("/deals/" + dealId + "/match");
        r.then().statusCode(200).body("status", equalTo("MATCHED"));
        return r;
    }

    private static long balance(Api.Acct a) {
        return ((Number) given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .get("/accounts/" + a.id() + "/earnings").then().statusCode(200).extract().path("balance"))
                .longValue();
    }

    record StoredRow(RecordId id, Category category, SealedRecord sealed, byte[] salt, byte[] contentHash) {
        byte[] aad(Api.Acct patient) {
            return RecordBinding.associatedData(id, new AccountId(UUID.fromString(patient.id())), category);
        }
    }

    private static List<StoredRow> rows(Api.Acct patient) throws SQLException {
        List<StoredRow> out = new ArrayList<>();
        try (Connection c = node.dataSource().getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id, category, ciphertext, wrapped_key_node, wrapped_key_patient, salt, content_hash
                  FROM sealed_record WHERE patient = ? ORDER BY seq""")) {
            s.setObject(1, UUID.fromString(patient.id()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredRow(new RecordId(rs.getObject("id", UUID.class)),
                            Category.valueOf(rs.getString("category")),
                            new SealedRecord(rs.getBytes("ciphertext"), rs.getBytes("wrapped_key_node"),
                                    rs.getBytes("wrapped_key_patient")),
                            rs.getBytes("salt"), rs.getBytes("content_hash")));
                }
            }
        }
        return out;
    }

    private static long rowCount(String sql, String patient) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(patient));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many values of any bytea column of any table contain {@code needle}. */
    private static long occurrencesInDatabase(byte[] needle) throws SQLException {
        long found = 0;
        try (Connection c = node.dataSource().getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT table_name, column_name FROM information_schema.columns
                     WHERE table_schema = 'public' AND data_type = 'bytea'""")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] col : columns) {
                try (PreparedStatement s = c
                        .prepareStatement("SELECT count(*) FROM \"" + col[0] + "\" WHERE position(? IN \""
                                + col[1] + "\") > 0")) {
                    s.setBytes(1, needle);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        found += rs.getLong(1);
                    }
                }
            }
        }
        return found;
    }

    private static void insertDeposit(Api.Acct patient) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO deposit (id, patient, author, source, deposited_at, request_hash)
                VALUES (?, ?, ?, 'test', now(), ?)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, UUID.fromString(patient.id()));
            s.setObject(3, UUID.fromString(patient.id()));
            s.setBytes(4, new byte[32]);
            s.executeUpdate();
        }
    }
}
