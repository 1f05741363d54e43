package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.salus.chain.consent.internal.EventDecoder;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessPseudonyms;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.wiring.Node;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static ConsentFixture consent;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentFixture(api);
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
        Api.Acct patient = api.open("PATIENT", "Unlinkable patient");
        api.deposit(patient, patient, Bundles.patientWithObservations("unlinkable-" + patient.id(), 2), null)
                .then().statusCode(201);
        Api.Acct lab = api.open("CONSUMER", "Curious lab");
        consent.attest(consent.trustedIssuer("ACADEMIC_RESEARCHER"), lab, "ACADEMIC_RESEARCHER", "HRESCH");
        long grantId = consent.grantOk(patient, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"),
                List.of("HRESCH"));
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
            for (Log l : events) {
                assertThat(raw(l)).as("an AccessLog event").doesNotContain(bareAddress).doesNotContain(grantWord);
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
}
