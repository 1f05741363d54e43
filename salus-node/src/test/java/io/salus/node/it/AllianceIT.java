package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.salus.chain.deals.EvmDealAdmin;
import io.salus.chain.federation.EvmNodeRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.merkle.Hash32;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.crypto.federation.Ed25519NodeKey;
import io.salus.node.http.BankMoveEndpoints;
import io.salus.node.http.FederationEndpoints;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Joining and node-to-node requests on a chain with two real nodes: the second joins from the RPC URL and the
 * NodeRegistry address only and is admitted through the timelock; an account's home is the node that registered it;
 * and a member refuses node requests that are forged, from a node never admitted or removed, replayed, tampered with,
 * or about a consumer of another node. The attacker is a key the test holds: admitted as a member where the attack
 * needs one.
 */
@WithAlliance(nodes = 2)
class AllianceIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aJoiningNode_readsTheContractsFromTheRegistry_andIsListedWithItsEndpointOnceAdmitted(TestAlliance alliance) {
        Node joiner = alliance.node(1);
        assertThat(joiner.localChain()).as("the joiner runs no chain of its own").isEmpty();
        assertThat(joiner.ledger().access().contracts()).isEqualTo(alliance.founder().ledger().access().contracts());
        List<Map<String, Object>> members = given().baseUri(joiner.apiUrl()).get("/federation/members").then()
                .statusCode(200).body("self", equalTo(alliance.address(1).hex())).extract().path("members");
        assertThat(members).extracting(m -> m.get("node"), m -> m.get("endpoint"), m -> m.get("active"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(alliance.address(0).hex(), alliance.founder().apiUrl(),
                                true),
                        org.assertj.core.groups.Tuple.tuple(alliance.address(1).hex(), joiner.apiUrl(), true));
    }

    @Test
    void anAccountsHomeNode_isTheNodeWhoseRelayerRegisteredIt(TestAlliance alliance) throws InterruptedException {
        Api api = new Api(alliance.node(1));
        Api.Acct patient = api.open("PATIENT", "Home at node 1");
        EvmAddress address = new EvmAddress(patient.address());
        Optional<EvmAddress> home = awaitHome(alliance, address);
        assertThat(home).contains(alliance.address(1));
    }

    @Test
    void aRequestSignedWithAnotherKeyThanTheRegisteredOne_isRefused(TestAlliance alliance) {
        NodeRequests forger = signer(alliance.address(1), Ed25519NodeKey.newSeed(RANDOM));
        send(alliance.founder(), forger.sign("POST", FederationEndpoints.MEMBER_COUNTS, body(alliance, 0)),
                body(alliance, 0)).then().statusCode(401).body("code", equalTo("SALUS-1602"));
    }

    @Test
    void aRequestFromANodeNeverAdmitted_isRefused(TestAlliance alliance) {
        NodeRequests stranger = signer(randomAddress(), Ed25519NodeKey.newSeed(RANDOM));
        send(alliance.founder(), stranger.sign("POST", FederationEndpoints.MEMBER_COUNTS, body(alliance, 0)),
                body(alliance, 0)).then().statusCode(401).body("code", equalTo("SALUS-1600"));
    }

    @Test
    void aReplayedRequest_aTamperedBody_andAnotherNodesConsumer_areRefused_andARemovedNodeIsRefusedFromThen(
            TestAlliance alliance) {
        byte[] seed = Ed25519NodeKey.newSeed(RANDOM);
        EvmAddress attacker = randomAddress();
        NodeRequests node = signer(attacker, seed);
        TestAlliance.alliance(alliance.founder()).admit(new Member(attacker, "Admitted lab", "http://127.0.0.1:9",
                new Ed25519NodeKey(attacker, seed).publicKey(), true));
        byte[] body = body(alliance, 0);
        SignedHeaders once = node.sign("POST", FederationEndpoints.MEMBER_COUNTS, body);

        send(alliance.founder(), once, body).then() // verified, but the consumer is no account of the asking node
                .statusCode(403).body("code", equalTo("SALUS-0101"));
        send(alliance.founder(), once, body).then().statusCode(409).body("code", equalTo("SALUS-1604"));
        byte[] other = body(alliance, 1);
        send(alliance.founder(), node.sign("POST", FederationEndpoints.MEMBER_COUNTS, body), other).then()
                .statusCode(400).body("code", equalTo("SALUS-1605"));
        send(alliance.founder(), node.sign("POST", FederationEndpoints.MEMBER_COUNTS, other), other).then() // addressed to node 1, sent to node 0
                .statusCode(403).body("code", equalTo("SALUS-1606"));

        TestAlliance.alliance(alliance.founder()).remove(attacker);
        send(alliance.founder(), node.sign("POST", FederationEndpoints.MEMBER_COUNTS, body), body).then()
                .statusCode(403).body("code", equalTo("SALUS-1601"));
        send(alliance.node(1), node.sign("POST", FederationEndpoints.MEMBER_COUNTS, body), body).then()
                .statusCode(403).body("code", equalTo("SALUS-1601"));
    }

    @Test
    void anAdmissionSentStraightToTheRegistry_bypassingTheTimelock_isRefusedByTheContract(TestAlliance alliance) {
        byte[] seed = Ed25519NodeKey.newSeed(RANDOM);
        EvmAddress intruder = randomAddress();
        Member m = new Member(intruder, "Intruder", "http://127.0.0.1:9", new Ed25519NodeKey(intruder, seed)
                .publicKey(), true);
        EvmDealAdmin.Change direct = EvmNodeRegistry.admit(TestAlliance.alliance(alliance.founder()).registry(), m,
                Hash32.ZERO);
        for (Node n : alliance.nodes()) {
            assertThatThrownBy(() -> n.ledger().access().sender().send(direct.target().hex(), direct.data()))
                    .as("the relayer of %s holds no admin role on the NodeRegistry", n.apiUrl())
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(TestAlliance.alliance(alliance.founder()).members()).extracting(Member::node)
                .doesNotContain(intruder);
    }

    /** A count request addressed to node {@code i} for a consumer of node 0 (its operator). */
    private static byte[] body(TestAlliance alliance, int i) {
        String json = "{\"audience\":\"" + alliance.address(i).hex() + "\",\"consumer\":\""
                + alliance.founder().operator().address().hex() + "\",\"organisation\":\"Attackers\","
                + "\"criteria\":{\"age\":{\"min\":0,\"max\":150}},\"categories\":[\"VITAL_SIGNS\"],"
                + "\"purpose\":\"HRESCH\",\"epsilon\":\"1\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Response send(Node to, SignedHeaders h, byte[] body) {
        return given().baseUri(to.apiUrl()).contentType("application/json")
                .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                .header(SignedHeaders.SIGNATURE, h.signature()).body(body).post(FederationEndpoints.MEMBER_COUNTS);
    }

    /** Signs as {@code node} with the key of {@code seed} (signing needs no directory, check or nonce store). */
    private static NodeRequests signer(EvmAddress node, byte[] seed) {
        return new NodeRequests(new Ed25519NodeKey(node, seed), null, null, null, Clock.systemUTC(), RANDOM,
                Duration.ofSeconds(60));
    }

    @Test
    void anAdmissionOrRemovalByAnyoneButTheOperator_isRefused_andTheRegistryIsUnchanged(TestAlliance alliance) {
        Api founder = new Api(alliance.founder());
        Api.Acct patient = founder.open("PATIENT", "Would-be consortium admin");
        EvmAddress candidate = randomAddress();
        Map<String, String> body = admission(candidate);

        given().baseUri(founder.url).auth().oauth2(patient.token()).contentType("application/json").body(body)
                .post("/federation/members").then().statusCode(403).body("code", equalTo("SALUS-0101"));
        given().baseUri(founder.url).contentType("application/json").body(body).post("/federation/members").then()
                .statusCode(401);
        given().baseUri(founder.url).auth().oauth2(patient.token()).delete("/federation/members/"
                + alliance.address(1).hex()).then().statusCode(403).body("code", equalTo("SALUS-0101"));

        assertThat(TestAlliance.alliance(alliance.founder()).members()).noneMatch(m -> m.node().equals(candidate));
        assertThat(TestAlliance.alliance(alliance.founder()).members()).anyMatch(m -> m.node().equals(alliance
                .address(1)) && m.active());
    }

    @Test
    void anAdmissionByTheOperatorOfANodeWithoutTheAdminRole_isRefusedByTheTimelock(TestAlliance alliance) {
        Api joiner = new Api(alliance.node(1));
        EvmAddress candidate = randomAddress();

        given().baseUri(joiner.url).auth().oauth2(joiner.operatorToken).contentType("application/json")
                .body(admission(candidate)).post("/federation/members").then().statusCode(403)
                .body("code", equalTo("SALUS-1610"));

        assertThat(TestAlliance.alliance(alliance.founder()).members()).noneMatch(m -> m.node().equals(candidate));
    }

    @Test
    void theConsortiumOperatorAdmitsAndRemovesANodeOverTheApi(TestAlliance alliance) {
        Api founder = new Api(alliance.founder());
        EvmAddress candidate = randomAddress();

        given().baseUri(founder.url).auth().oauth2(founder.operatorToken).contentType("application/json")
                .body(admission(candidate)).post("/federation/members").then().statusCode(201)
                .body("node", equalTo(candidate.hex())).body("active", equalTo(true));
        assertThat(TestAlliance.alliance(alliance.node(1)).members()).anyMatch(m -> m.node().equals(candidate)
                && m.active() && m.organisation().equals("Admitted over the API"));
        given().baseUri(founder.url).auth().oauth2(founder.operatorToken).contentType("application/json")
                .body(admission(candidate)).post("/federation/members").then().statusCode(409)
                .body("code", equalTo("SALUS-1611"));

        given().baseUri(founder.url).auth().oauth2(founder.operatorToken).delete("/federation/members/"
                + candidate.hex()).then().statusCode(200).body("active", equalTo(false));
        assertThat(TestAlliance.alliance(alliance.node(1)).members()).anyMatch(m -> m.node().equals(candidate)
                && !m.active());
        given().baseUri(founder.url).auth().oauth2(founder.operatorToken).delete("/federation/members/"
                + candidate.hex()).then().statusCode(404).body("code", equalTo("SALUS-1612"));
    }

    @Test
    void aMemberNodeAskingForTooManyCounts_isRefusedWith429(TestAlliance alliance) {
        byte[] seed = Ed25519NodeKey.newSeed(RANDOM);
        EvmAddress flooder = randomAddress();
        NodeRequests node = signer(flooder, seed);
        TestAlliance.alliance(alliance.founder()).admit(new Member(flooder, "Flooding lab", "http://127.0.0.1:9",
                new Ed25519NodeKey(flooder, seed).publicKey(), true));
        byte[] body = body(alliance, 0);
        int limited = 0;
        for (int i = 0; i < 200; i++) {
            Response r = send(alliance.founder(), node.sign("POST", FederationEndpoints.MEMBER_COUNTS, body), body);
            if (i < 120) { // the burst (salus.limits.federation-count.burst): the request itself is looked at
                r.then().statusCode(403).body("code", equalTo("SALUS-0101"));
            } else if (r.statusCode() == 429) {
                r.then().body("code", equalTo("SALUS-1350"));
                limited++;
            }
        }
        assertThat(limited).as("refused once the burst is spent, one more a second").isGreaterThan(0);
    }

    private static Map<String, String> admission(EvmAddress node) {
        return Map.of("node", node.hex(), "organisation", "Admitted over the API", "endpoint", "http://127.0.0.1:9",
                "signingKey", java.util.HexFormat.of().formatHex(new Ed25519NodeKey(node, Ed25519NodeKey.newSeed(
                        RANDOM)).publicKey()));
    }

    private static EvmAddress randomAddress() {
        byte[] a = new byte[20];
        RANDOM.nextBytes(a);
        return EvmAddress.of(a);
    }

    static Optional<EvmAddress> awaitHome(TestAlliance alliance, EvmAddress account) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<EvmAddress> home = TestAlliance.alliance(alliance.founder()).homeOf(account);
            if (home.isPresent()) {
                return home;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /**
     * A patient moves their bank from hospital 0 to hospital 1 (decision 0036), and the attacks on a move: a move
     * signed by anyone but the patient, to a node that is no member, a replayed move, an import pushed by a node the
     * patient did not leave.
     */
    @Nested
    class BankMove {
        @Test
        void aMovedBank_isServedWholeByTheNewHome_theOldHomeKeepsTombstones_andTheOldReceiptStillVerifies(
                TestAlliance alliance) throws Exception {
            Api a = new Api(alliance.founder());
            Api b = new Api(alliance.node(1));
            Api.Acct patient = BankMoveSteps.patientWithRecords(a, "Moving patient", 3);
            List<Object> ids = a.records(patient).stream().map(r -> r.get("id")).toList();
            String record = (String) ids.get(0);
            byte[] content = a.get(patient, "/records/" + record).then().statusCode(200).extract().asByteArray();
            Map<String, Object> receipt = a.get(patient, "/records/" + record + "/receipt").then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            long grant = BankMoveSteps.grant(a, patient);

            CliRun.Run started = CliRun.run(List.of("move", "start", "--to", alliance.address(1).hex(), "--url",
                    a.url, "--token", patient.token()));
            assertThat(started.code()).as(started.out()).isZero();
            assertThat(started.out()).contains("MOVING");
            Map<String, Object> arrived = BankMoveSteps.awaitArrived(alliance.node(1), patient);
            BankMoveSteps.awaitLeft(alliance.founder(), patient);
            assertThat(CliRun.run(List.of("move", "status", "--url", b.url, "--token", patient.token())).out())
                    .contains("\"direction\"").contains("IN");

            assertThat(arrived).containsEntry("from", alliance.address(0).hex()).containsEntry("records", ids.size());
            assertThat(TestAlliance.alliance(alliance.founder()).homeOf(new EvmAddress(patient.address())))
                    .contains(alliance.address(1));
            assertThat(b.records(patient)).extracting(r -> r.get("id")).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(b.get(patient, "/records/" + record).then().statusCode(200).extract().asByteArray())
                    .isEqualTo(content);
            b.get(patient, "/records/" + record + "/verification").then().statusCode(200)
                    .body("verified", equalTo(true));
            given().baseUri(b.url).contentType("application/json").body(Map.of("batchKey", receipt.get("batchKey"),
                    "proof", receipt.get("proof"), "contentBase64", Base64.getEncoder().encodeToString(content),
                    "salt", receipt.get("salt"))).post("/proofs/verify").then().statusCode(200)
                    .body("verified", equalTo(true));
            List<Map<String, Object>> grants = b.get(patient, "/patients/" + patient.id() + "/consents").then()
                    .statusCode(200).extract().path("grants");
            assertThat(grants).as("the grant made at the old home, on chain").anyMatch(g -> ((Number) g.get(
                    "grantId")).longValue() == grant);
            // the new home banks what the patient deposits next
            b.deposit(patient, patient, ErasureBundles.heartRates("Moving patient, later", DealWorld.freshBase(), 1),
                    null).then().statusCode(201);
            // the new home signs for the patient with the keys that moved
            given().baseUri(b.url).auth().oauth2(patient.token()).delete("/consents/" + grant).then().statusCode(200);

            a.get(patient, "/records/" + record).then().statusCode(410).body("code", equalTo("SALUS-0740"));
            String id = patient.id();
            assertThat(BankMoveSteps.count(alliance.founder(), "SELECT count(*) FROM sealed_record WHERE patient = ?",
                    id)).isZero();
            assertThat(BankMoveSteps.count(alliance.founder(), "SELECT count(*) FROM erased_record WHERE patient = ?",
                    id)).isEqualTo(ids.size());
            assertThat(BankMoveSteps.count(alliance.founder(), "SELECT count(*) FROM account WHERE id = ? AND "
                    + "sealed_signing_key IS NULL AND sealed_encryption_key IS NULL AND moved_to IS NOT NULL", id))
                    .isEqualTo(1);
        }

        @Test
        void aMoveByAnOperatorOrSignedByAnyoneButThePatient_isRefused_andTheHomeStays(TestAlliance alliance)
                throws Exception {
            Api a = new Api(alliance.founder());
            Api.Acct patient = a.open("PATIENT", "Patient who stays");
            Api.Acct other = a.open("PATIENT", "Another patient");
            EvmAddress address = new EvmAddress(patient.address());
            assertThat(awaitHome(alliance, address)).contains(alliance.address(0));

            BankMoveSteps.move(alliance.founder(), a.operatorToken, alliance.address(1)).then().statusCode(403)
                    .body("code", equalTo("SALUS-1650"));
            byte[] others = BankMoveSteps.exportedKey(a, other);
            Result<?> byOther = BankMoveSteps.relaySigned(alliance.founder(), others, address, alliance.address(0),
                    alliance.address(1), 0);
            byte[] relayerOfB = alliance.relayerKey(1); // the node the patient would move to, pulling them
            Result<?> byOperator = BankMoveSteps.relaySigned(alliance.founder(), relayerOfB, address,
                    alliance.address(0), alliance.address(1), 0);

            assertThat(byOther.failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(byOperator.failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(TestAlliance.alliance(alliance.founder()).homeOf(address)).contains(alliance.address(0));
        }

        @Test
        void aMoveToANodeThatIsNoMember_orWasRemoved_isRefusedByTheNodeAndByTheContract(TestAlliance alliance)
                throws Exception {
            Api a = new Api(alliance.founder());
            Api.Acct patient = a.open("PATIENT", "Patient moving nowhere");
            EvmAddress address = new EvmAddress(patient.address());
            assertThat(awaitHome(alliance, address)).contains(alliance.address(0));
            EvmAddress stranger = randomAddress();
            byte[] seed = Ed25519NodeKey.newSeed(RANDOM);
            EvmAddress removed = randomAddress();
            TestAlliance.alliance(alliance.founder()).admit(new Member(removed, "Closed clinic", "http://127.0.0.1:9",
                    new Ed25519NodeKey(removed, seed).publicKey(), true));
            TestAlliance.alliance(alliance.founder()).remove(removed);

            for (EvmAddress to : List.of(stranger, removed, alliance.address(0))) {
                BankMoveSteps.move(alliance.founder(), patient.token(), to).then().statusCode(422)
                        .body("code", equalTo("SALUS-1651"));
            }
            byte[] key = BankMoveSteps.exportedKey(a, patient);
            for (EvmAddress to : List.of(stranger, removed)) {
                assertThat(BankMoveSteps.relaySigned(alliance.founder(), key, address, alliance.address(0), to, 0)
                        .failure().code()).isEqualTo(ErrorCode.MOVE_TARGET_NOT_MEMBER);
            }
            assertThat(TestAlliance.alliance(alliance.founder()).homeOf(address)).contains(alliance.address(0));
        }

        @Test
        void aReplayedMoveInstruction_isRefusedByTheContract(TestAlliance alliance) throws Exception {
            Api a = new Api(alliance.founder());
            Api.Acct patient = a.open("PATIENT", "Patient moving back and forth");
            EvmAddress address = new EvmAddress(patient.address());
            assertThat(awaitHome(alliance, address)).contains(alliance.address(0));
            byte[] key = BankMoveSteps.exportedKey(a, patient);

            assertThat(BankMoveSteps.relaySigned(alliance.founder(), key, address, alliance.address(0),
                    alliance.address(1), 0).isOk()).isTrue();
            assertThat(BankMoveSteps.relaySigned(alliance.founder(), key, address, alliance.address(1),
                    alliance.address(0), 1).isOk()).isTrue();
            Result<?> replay = BankMoveSteps.relaySigned(alliance.founder(), key, address, alliance.address(0),
                    alliance.address(1), 0);

            assertThat(replay.failure().code()).isEqualTo(ErrorCode.NONCE_USED);
            assertThat(TestAlliance.alliance(alliance.founder()).homeOf(address)).contains(alliance.address(0));
        }

        @Test
        void anImportPushedByANodeThePatientDidNotLeave_isRefused(TestAlliance alliance) throws Exception {
            Api.Acct patient = new Api(alliance.node(1)).open("PATIENT", "Patient at home at node 1");
            assertThat(awaitHome(alliance, new EvmAddress(patient.address()))).contains(alliance.address(1));
            byte[] seed = Ed25519NodeKey.newSeed(RANDOM);
            EvmAddress pusher = randomAddress();
            TestAlliance.alliance(alliance.founder()).admit(new Member(pusher, "Pushing lab", "http://127.0.0.1:9",
                    new Ed25519NodeKey(pusher, seed).publicKey(), true));
            byte[] body = ("{\"audience\":\"" + alliance.address(1).hex() + "\",\"patient\":\"" + patient.address()
                    + "\",\"package\":\"AAAA\"}").getBytes(StandardCharsets.UTF_8);
            SignedHeaders h = signer(pusher, seed).sign("POST", BankMoveEndpoints.IMPORT, body);

            given().baseUri(alliance.node(1).apiUrl()).contentType("application/json")
                    .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                    .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                    .header(SignedHeaders.SIGNATURE, h.signature()).body(body).post(BankMoveEndpoints.IMPORT).then()
                    .statusCode(403).body("code", equalTo("SALUS-1655"));
        }
    }
}
