package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deadline attack of issue 12, on a node of its own (the test moves its chain's clock): a consumer posts a deal
 * whose deadline is a minute ahead, matches it, and asks for delivery; then asks for the package and, after the
 * deadline, for a refund. The attack ends with no package, no decrypted byte, nothing staged, and the whole escrow
 * back, since nothing was delivered.
 */
class DeadlineAttackIT {
    @TempDir
    static Path dir;
    static Node node;
    static DealWorld world;

    @BeforeAll
    static void start() {
        node = TestNodes.start(dir);
        world = new DealWorld(new Api(node), "Deadline attacker");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aDeliveryAskedTooCloseToTheDeadlineOrAfterIt_releasesNothing_andTheWholeEscrowIsRefunded() throws Exception {
        int base = DealWorld.freshBase();
        world.cohort("Deadline patient", base, 14, 100);
        long before = world.balance(world.lab);
        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plusSeconds(60)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));

        world.deliver(dealId).then().statusCode(409).body("code", equalTo("SALUS-1203"));
        world.asLab("/deals/" + dealId + "/package").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        world.asLab("/deals/" + dealId + "/key").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        assertThat(Files.exists(node.settings().dataDir().resolve("deals").resolve(dealId))).as("nothing staged")
                .isFalse();

        travel(120);

        Response late = world.deliver(dealId);
        late.then().statusCode(409);
        assertThat((String) late.path("code")).isIn("SALUS-1203", "SALUS-0605");
        world.asLab("/deals/" + dealId + "/package").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        world.asLab("/deals/" + dealId).then().statusCode(200).body("status", equalTo("MATCHED"))
                .body("chain.status", equalTo("COMMITTED")).body("chain.paidPatients", equalTo(0));
        io.restassured.RestAssured.given().baseUri(world.api.url).auth().oauth2(world.lab.token())
                .post("/deals/" + dealId + "/refund").then().statusCode(200);

        assertThat(world.balance(world.lab)).as("the whole escrow back").isEqualTo(before);
        world.asLab("/deals/" + dealId).then().body("chain.refunded", equalTo(20 * 1_000_000))
                .body("chain.escrow", equalTo(0));
        world.asLab("/deals/" + dealId + "/package").then().statusCode(409);
        assertThat(Files.exists(node.settings().dataDir().resolve("deals").resolve(dealId))).isFalse();
    }

    /** Moves the node's anvil clock forward and mines a block. */
    static void travel(long seconds) throws Exception {
        travel(seconds, node);
    }

    /** Moves a node's anvil clock forward and mines a block. */
    static void travel(long seconds, Node node) throws Exception {
        String rpc = node.localChain().orElseThrow().rpcUrl();
        HttpClient http = HttpClient.newHttpClient();
        for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"evm_increaseTime\",\"params\":["
                + seconds + "]}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"evm_mine\",\"params\":[]}")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rpc)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("\"error\"");
        }
    }
}
