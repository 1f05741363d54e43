package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.salus.chain.deals.EvmDealAdmin;
import io.salus.chain.federation.EvmNodeRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.federation.Member;
import io.salus.core.merkle.Hash32;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.crypto.federation.Ed25519NodeKey;
import io.salus.node.http.FederationEndpoints;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
