package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.salus.chain.consent.internal.EventDecoder;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessPseudonyms;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * The attack: read the chain (IdentityRegistry names every account's address, ConsentRegistry every grant's patient)
 * and join the AccessLog's events to a patient. Two accesses to one patient's data by a lab leave two AccessLog events
 * in which neither the patient's address nor the grant's id appears, whose pseudonyms differ (so they cannot even be
 * joined to each other), and which only the node's key (or the opening it hands the auditor for one event) ties to the
 * patient: another key makes other pseudonyms. The auditor's verification still says verified.
 */
class AccessLogLinkageIT {
    static Node node;
    static Api api;
    static ConsentRequests consent;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
    }

    /** A patient with vital signs who granted research access, and a lab attested for research. */
    record Scene(Api.Acct patient, Api.Acct lab, long grantId) {
    }

    private static Scene scene(String patientName, String labName) {
        Api.Acct patient = api.open("PATIENT", patientName);
        api.deposit(patient, patient, Bundles.patientWithObservations("linkage-" + patient.id(), 2), null).then()
                .statusCode(201);
        Api.Acct lab = api.open("CONSUMER", labName);
        consent.attest(consent.trustedIssuer("ACADEMIC_RESEARCHER"), lab, "ACADEMIC_RESEARCHER", "HRESCH");
        return new Scene(patient, lab, consent.grantOk(patient, List.of("VITAL_SIGNS"),
                List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH")));
    }

    private static List<Log> accessLogEvents(Web3j web3j, EvmAddress accessLog) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                accessLog.hex());
        filter.addSingleTopic(EventDecoder.ACCESS_LOGGED);
        List<Log> out = new ArrayList<>();
        for (EthLog.LogResult<?> r : web3j.ethGetLogs(filter).send().getLogs()) {
            out.add((Log) r.get());
        }
        return out;
    }

    private static String raw(Log l) {
        return (String.join("", l.getTopics()) + l.getData()).toLowerCase(Locale.ROOT);
    }

    @Test
    void anAccessOnChain_cannotBeJoinedToThePatientsRegisteredAddress_withoutTheNodesKey() throws Exception {
        Scene scene = scene("Unlinkable patient", "Curious lab");
        Api.Acct patient = scene.patient();
        Api.Acct lab = scene.lab();
        long grantId = scene.grantId();
        List<String> auditHashes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<Map<String, Object>> audit = consent.access(lab, patient, "HRESCH", "VITAL_SIGNS").then()
                    .statusCode(200).extract().path("decisions");
            auditHashes.add((String) audit.getFirst().get("auditHash"));
        }

        EvmAddress address = new EvmAddress(patient.address());
        String bareAddress = address.hex().substring(2);
        String grantWord = String.format("%064x", BigInteger.valueOf(grantId));
        Map<String, Hash32> pseudonymsByAudit = new HashMap<>();
        Web3j web3j = Web3j.build(new HttpService(node.localChain().orElseThrow().rpcUrl()));
        try {
            EvmAddress accessLog = node.ledger().access().contracts().consent().orElseThrow().accessLog();
            List<Log> events = accessLogEvents(web3j, accessLog).stream()
                    .filter(l -> auditHashes.contains(l.getTopics().get(1))).toList();
            assertThat(events).hasSize(2);
            String onlyCategoriesAndPurpose = String.format("0x%064x%064x", Category.VITAL_SIGNS.mask(),
                    Purpose.HRESCH.bit());
            for (Log l : events) {
                assertThat(raw(l)).as("an AccessLog event").doesNotContain(bareAddress);
                // a grant id is a small number that a raw scan could find in any field: the event has no field for it
                assertThat(l.getTopics()).as("signature, audit hash, pseudonym, requester").hasSize(4)
                        .doesNotContain("0x" + grantWord);
                assertThat(l.getData()).as("no grant id among the event's data").isEqualTo(onlyCategoriesAndPurpose);
            }
            // the scan does find what the chain names in clear: the grant's event carries the patient's address
            EthFilter grants = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    node.ledger().access().contracts().consent().orElseThrow().consentRegistry().hex());
            grants.addSingleTopic(EventDecoder.GRANT_RECORDED);
            assertThat(web3j.ethGetLogs(grants).send().getLogs()).map(r -> raw((Log) r.get()))
                    .anySatisfy(s -> assertThat(s).contains(bareAddress).contains(grantWord));

            Map<String, Hash32> byAudit = new HashMap<>();
            events.forEach(l -> byAudit.put(l.getTopics().get(1), Hash32.fromHex(l.getTopics().get(2))));
            List<Hash32> pseudonyms = auditHashes.stream().map(byAudit::get).toList();
            pseudonymsByAudit.putAll(byAudit);
            assertThat(pseudonyms.get(0)).as("two accesses, two unrelated pseudonyms").isNotEqualTo(pseudonyms.get(1));

            TinkKeyManager nodeKeys = new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"),
                    new SecureRandom()).open(TestNodes.SECRET.toCharArray()).orElseThrow();
            TinkKeyManager otherKeys = new TinkKekStore(Files.createTempDirectory("other-node").resolve("kek.json"),
                    new SecureRandom(), new KdfParameters(64, 1, 1)).openOrCreate("other".toCharArray())
                    .orElseThrow();
            for (int i = 0; i < 2; i++) {
                Hash32 auditHash = Hash32.fromHex(auditHashes.get(i));
                assertThat(new AccessPseudonyms(nodeKeys).pseudonym(address, auditHash)).isEqualTo(pseudonyms.get(i));
                assertThat(new AccessPseudonyms(otherKeys).pseudonym(address, auditHash))
                        .isNotEqualTo(pseudonyms.get(i));
            }
        } finally {
            web3j.shutdown();
        }

        List<Map<String, Object>> checks = RestAssured.given().baseUri(api.url).auth().oauth2(patient.token())
                .get("/audit/patients/" + patient.id()).then().statusCode(200).extract().path("checks");
        assertThat(checks).filteredOn(c -> auditHashes.contains(c.get("auditHash"))).hasSize(2)
                .allSatisfy(c -> {
                    assertThat(c.get("verification")).isEqualTo("VERIFIED");
                    Hash32 opening = Hash32.fromHex((String) c.get("pseudonymOpening"));
                    assertThat(AccessPseudonyms.of(address, opening))
                            .as("the opening of one event ties that event, and only it, to the patient")
                            .isEqualTo(pseudonymsByAudit.get(c.get("auditHash")));
                });
    }

    /**
     * An access-log message an older node queued names the patient by address (and the grant): the worker that
     * delivers it logs the patient's pseudonym for that access, never the address, and the auditor verifies it.
     */
    @Test
    void anAccessLogMessageAnOlderNodeQueued_isDeliveredWithThePseudonym_notTheAddress() throws Exception {
        Scene scene = scene("Patient of an older node", "Lab of an older node");
        Api.Acct patient = scene.patient();
        Api.Acct lab = scene.lab();
        long grantId = scene.grantId();
        Map<String, Object> decision = consent.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("decisions").getFirst();
        String entryId = (String) decision.get("entryId");
        String auditHash = (String) decision.get("auditHash");
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement unlog = c.prepareStatement(
                        "UPDATE audit_entry SET tx_hash = NULL, block_number = NULL WHERE id = ?");
                PreparedStatement requeue = c.prepareStatement("""
                        UPDATE outbox SET status = 'pending', done_at = NULL, result = NULL,
                               next_attempt_at = now() - interval '1 hour',
                               payload = jsonb_build_object('entryId', ?, 'auditHash', ?, 'requester', ?,
                                   'patient', ?, 'categories', ?, 'purpose', 'HRESCH', 'grantId', ?)
                         WHERE kind = 'access-log' AND idempotency_key = ?""")) {
            unlog.setObject(1, UUID.fromString(entryId));
            assertThat(unlog.executeUpdate()).isEqualTo(1);
            requeue.setString(1, entryId);
            requeue.setString(2, auditHash);
            requeue.setString(3, lab.address());
            requeue.setString(4, patient.address());
            requeue.setString(5, Long.toString(Category.VITAL_SIGNS.mask()));
            requeue.setString(6, Long.toString(grantId));
            requeue.setString(7, entryId);
            assertThat(requeue.executeUpdate()).isEqualTo(1);
        }
        awaitLogged(entryId);

        Web3j web3j = Web3j.build(new HttpService(node.localChain().orElseThrow().rpcUrl()));
        try {
            EvmAddress accessLog = node.ledger().access().contracts().consent().orElseThrow().accessLog();
            List<Log> events = accessLogEvents(web3j, accessLog).stream()
                    .filter(l -> l.getTopics().get(1).equals(auditHash)).toList();
            assertThat(events).as("the release's own event and the re-delivered one").hasSize(2)
                    .allSatisfy(l -> assertThat(raw(l)).doesNotContain(patient.address().substring(2)))
                    .extracting(l -> l.getTopics().get(2)).containsOnly(events.getFirst().getTopics().get(2));
        } finally {
            web3j.shutdown();
        }
        List<Map<String, Object>> checks = RestAssured.given().baseUri(api.url).auth().oauth2(patient.token())
                .get("/audit/patients/" + patient.id()).then().statusCode(200).extract().path("checks");
        assertThat(checks).filteredOn(c -> entryId.equals(c.get("entryId"))).singleElement()
                .satisfies(c -> assertThat(c.get("verification")).isEqualTo("VERIFIED"));
    }

    private static void awaitLogged(String entryId) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection c = node.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT tx_hash FROM audit_entry WHERE id = ?")) {
                s.setObject(1, UUID.fromString(entryId));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the access-log worker did not deliver the message within 60 s");
    }
}
