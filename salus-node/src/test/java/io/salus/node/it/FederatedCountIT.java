package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.EvmAddress;
import io.salus.core.federation.Member;
import io.salus.core.privacy.Remaining;
import io.salus.crypto.federation.Ed25519NodeKey;
import static org.hamcrest.Matchers.equalTo;

import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.merkle.Hashing;
import io.salus.crypto.PackageCrypto;
import io.salus.node.federation.HttpPartClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Arrays;
import io.salus.node.wiring.Node;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Federated discovery on three hospitals: a lab of hospital 0 (attested on chain by an issuer hospital 0 trusts) asks
 * its home node for a count; hospitals 1 and 2 each hold consenting patients of their own, and each answers its own
 * noisy count, charged to the lab's organisation's budget at that hospital. Then a member that accepts connections but
 * never answers, and hospital 2 going down: each makes the next count partial, naming the member that did not answer.
 * Between them, a federated deal over the same patients (decision 0035): one escrow, each hospital's own part
 * delivered, settled and downloaded through the lab's home with a manifest read from the chain.
 */
@WithAlliance(nodes = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederatedCountIT {
    private static final int PER_HOSPITAL = 14;
    private static final String EPSILON = DealWorld.STRONG_EPSILON;
    private static DealWorld world;
    private static int base;
    private static final long PRICE = 1_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static String fdeal;

    @Test
    @Order(1)
    void aFederatedCount_sumsEveryMembersOwnNoisyCount_andChargesTheOrganisationAtEachMember(TestAlliance alliance)
            throws InterruptedException {
        world = new DealWorld(new Api(alliance.founder()), "Federated");
        base = DealWorld.freshBase();
        for (int i = 1; i <= 2; i++) {
            hospitalWithPatients(new Api(alliance.node(i)), "Hospital " + i);
        }
        assertThat(AllianceIT.awaitHome(alliance, new EvmAddress(world.lab.address())))
                .contains(alliance.address(0));

        Response r = count();
        r.then().statusCode(200);
        assertThat(r.<Boolean>path("partial")).as(r.asString()).isFalse();
        List<Map<String, Object>> members = r.path("members");
        assertThat(members).hasSize(3).allSatisfy(m -> assertThat(m.get("status")).isEqualTo("ANSWERED"));
        assertThat(members).filteredOn(m -> m.get("node").equals(alliance.address(0).hex()))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("home")).isEqualTo(true);
                    assertThat(m.get("count")).as("hospital 0 holds none of these patients").isEqualTo(
                            "fewer than 11");
                });
        long sum = r.<Number>path("releasedSum").longValue();
        assertThat(sum).as("two hospitals of %s patients each, at epsilon %s", PER_HOSPITAL, EPSILON)
                .isBetween(2L * PER_HOSPITAL - 6, 2L * PER_HOSPITAL + 6);
        assertThat(r.<Integer>path("suppressedMembers")).isEqualTo(1);

        BigDecimal spent = new BigDecimal(TestNodes.TEST_BUDGET).subtract(new BigDecimal(EPSILON));
        for (Node n : alliance.nodes()) {
            Remaining left = n.privacyBudget().remaining(world.organisation).orElseThrow();
            assertThat(left.remaining()).as("the organisation's budget at %s", n.apiUrl())
                    .isEqualByComparingTo(spent);
        }
    }

    /** Without the per-member timeout the count would wait on the silent member for ever: the guard fails it. */
    @Test
    @Order(2)
    void aFederatedDeal_eachHospitalDeliversAndSettlesItsOwnPartFromOneEscrow_andTheLabDownloadsThePartsWithAManifest(
            TestAlliance alliance) throws IOException {
        Response opened = openDeal(30);
        opened.then().statusCode(201);
        fdeal = opened.path("dealId");
        List<Map<String, Object>> parts = opened.path("parts");
        assertThat(parts).as(opened.asString()).hasSize(3)
                .allSatisfy(m -> assertThat(m.get("status")).isEqualTo("ANSWERED"));
        assertThat(parts).filteredOn(m -> m.get("node").equals(alliance.address(0).hex())).singleElement()
                .satisfies(m -> assertThat(m.get("part")).as("hospital 0 holds none of these patients")
                        .isEqualTo("SUPPRESSED"));
        for (int i = 1; i <= 2; i++) {
            String node = alliance.address(i).hex();
            assertThat(parts).filteredOn(m -> m.get("node").equals(node)).singleElement().satisfies(m -> {
                assertThat(m.get("part")).isEqualTo("DELIVERED");
                assertThat(m.get("patients")).as("its allotment of 10 out of its %s", PER_HOSPITAL).isEqualTo(10);
            });
        }

        Response manifest = world.asLab("/deals/federated/" + fdeal);
        manifest.then().statusCode(200);
        assertThat(manifest.<Integer>path("paidPatients")).isEqualTo(20);
        assertThat(manifest.<Number>path("escrowLeft").longValue()).as("the home's unused allotment")
                .isEqualTo(10 * PRICE);
        List<Map<String, Object>> entries = manifest.path("parts");
        assertThat(entries).as(manifest.asString()).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("status")).isEqualTo("SETTLED");
            assertThat(e.get("keyReleased")).isEqualTo(true);
            assertThat(((Number) e.get("paid")).longValue()).isEqualTo(10 * PRICE);
        });

        String encKey = given().baseUri(world.api.url).auth().oauth2(world.lab.token())
                .post("/accounts/me/key-export").then().statusCode(200).extract().path("encryptionPrivateKey");
        for (Map<String, Object> e : entries) {
            byte[] sealed = world.asLab("/deals/federated/" + fdeal + "/parts/" + e.get("node")).then()
                    .statusCode(200).extract().asByteArray();
            byte[] zip = PackageCrypto.decrypt(sealed, HexFormat.of().parseHex(encKey.substring(2))).orElseThrow();
            assertThat(Hashing.keccak256(zip).hex()).isEqualTo(e.get("packageHash"));
            assertThat(patientsIn(zip)).isEqualTo(10);
        }
        world.asLab("/deals/federated/" + fdeal + "/parts/" + alliance.address(0).hex()).then().statusCode(404)
                .body("code", equalTo("SALUS-1638"));
    }

    @Test
    @Order(3)
    void aForgedPackageRequest_orAPartRequestFromANodeNeverAdmitted_isRefusedByTheMember(TestAlliance alliance) {
        byte[] body = ("{\"audience\":\"" + alliance.address(1).hex() + "\",\"dealId\":\"" + fdeal + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        NodeRequests forger = signer(alliance.address(0), Ed25519NodeKey.newSeed(RANDOM));
        signed(alliance.node(1), HttpPartClient.PACKAGES, forger, body).then().statusCode(401)
                .body("code", equalTo("SALUS-1602"));
        NodeRequests stranger = signer(EvmAddress.of(Arrays.copyOf(Ed25519NodeKey.newSeed(RANDOM), 20)),
                Ed25519NodeKey.newSeed(RANDOM));
        signed(alliance.node(1), HttpPartClient.PARTS, stranger, body).then().statusCode(401)
                .body("code", equalTo("SALUS-1600"));
    }

    @Test
    @Order(4)
    void aDealLargerThanTheMembersHold_leavesTheUnusedAllotmentsInTheEscrow() {
        Response opened = openDeal(60);
        opened.then().statusCode(201);
        Response manifest = world.asLab("/deals/federated/" + opened.path("dealId"));
        assertThat(manifest.<Integer>path("paidPatients")).as(manifest.asString()).isEqualTo(2 * PER_HOSPITAL);
        assertThat(manifest.<Number>path("escrowLeft").longValue()).isEqualTo((60 - 2 * PER_HOSPITAL) * PRICE);
    }

    @Test
    @Order(5)
    @Timeout(120)
    void aMemberThatAcceptsButNeverAnswers_makesTheAnswerPartialWithinTheTimeout(TestAlliance alliance)
            throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            byte[] seed = Ed25519NodeKey.newSeed(new SecureRandom());
            EvmAddress node = EvmAddress.of(Arrays.copyOf(seed, 20));
            TestAlliance.alliance(alliance.founder()).admit(new Member(node, "Silent clinic",
                    "http://127.0.0.1:" + silent.getLocalPort(), new Ed25519NodeKey(node, seed).publicKey(), true));

            Response r = count();

            r.then().statusCode(200);
            assertThat(r.<Boolean>path("partial")).as(r.asString()).isTrue();
            List<Map<String, Object>> members = r.path("members");
            assertThat(members).filteredOn(m -> m.get("node").equals(node.hex())).singleElement()
                    .satisfies(m -> assertThat(m.get("status")).isEqualTo("UNREACHABLE"));
            assertThat(members).filteredOn(m -> !m.get("node").equals(node.hex()))
                    .allSatisfy(m -> assertThat(m.get("status")).as(r.asString()).isEqualTo("ANSWERED"));
        }
    }

    @Test
    @Order(6)
    void aMemberThatIsDown_makesTheAnswerPartial_andIsNamed(TestAlliance alliance) {
        alliance.node(2).close();

        Response r = count();
        r.then().statusCode(200);
        assertThat(r.<Boolean>path("partial")).isTrue();
        List<Map<String, Object>> members = r.path("members");
        assertThat(members).filteredOn(m -> m.get("node").equals(alliance.address(2).hex())).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("status")).isEqualTo("UNREACHABLE");
                    assertThat(m).doesNotContainKey("count");
                });
        assertThat(members).filteredOn(m -> m.get("node").equals(alliance.address(1).hex())).singleElement()
                .satisfies(m -> assertThat(m.get("status")).as(r.asString()).isEqualTo("ANSWERED"));
        assertThat(r.<Number>path("releasedSum").longValue()).isBetween(PER_HOSPITAL - 3L, PER_HOSPITAL + 3L);
    }

    private static Response openDeal(int maxPatients) {
        Map<String, Object> body = new java.util.HashMap<>(DealWorld.deal(base, maxPatients, Instant.now().plus(2,
                ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
        body.put("epsilon", EPSILON);
        return given().baseUri(world.api.url).auth().oauth2(world.lab.token()).contentType(ContentType.JSON)
                .body(body).post("/deals/federated");
    }

    private static int patientsIn(byte[] zip) throws IOException {
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                String text = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("Patient.ndjson")) {
                    return (int) text.lines().count();
                }
            }
        }
        return 0;
    }

    private static Response signed(Node to, String path, NodeRequests as, byte[] body) {
        SignedHeaders h = as.sign("POST", path, body);
        return given().baseUri(to.apiUrl()).contentType("application/json")
                .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                .header(SignedHeaders.SIGNATURE, h.signature()).body(body).post(path);
    }

    private static NodeRequests signer(EvmAddress node, byte[] seed) {
        return new NodeRequests(new Ed25519NodeKey(node, seed), null, null, null, Clock.systemUTC(), RANDOM,
                Duration.ofSeconds(60));
    }

    private static Response count() {
        return given().baseUri(world.api.url).auth().oauth2(world.lab.token()).contentType(ContentType.JSON)
                .body(Map.of("criteria", DealWorld.criteria(base), "categories", List.of("VITAL_SIGNS"), "purpose",
                        "HRESCH", "epsilon", EPSILON))
                .post("/cohorts/federated-count");
    }

    /** A hospital with {@link #PER_HOSPITAL} consenting patients whose heart rates only this test uses. */
    private static void hospitalWithPatients(Api api, String name) {
        Api.Acct hospital = api.open("HOSPITAL", name);
        List<Api.Acct> patients = new ArrayList<>();
        for (int i = 0; i < PER_HOSPITAL; i++) {
            Api.Acct p = api.open("PATIENT", name + " patient " + i);
            api.link(p, hospital);
            api.deposit(hospital, p, ErasureBundles.heartRates(name + " " + i, base, 2), null).then()
                    .statusCode(201);
            patients.add(p);
        }
        for (Api.Acct p : patients) {
            given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON)
                    .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes",
                            List.of("ACADEMIC_RESEARCHER"), "purposes", List.of("HRESCH"), "validUntil",
                            Instant.now().plus(30, ChronoUnit.DAYS).toString(), "minPrice", 0))
                    .post("/patients/" + p.id() + "/consents").then().statusCode(201);
        }
    }
}
