package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.restassured.response.Response;
import io.salus.testkit.Bundles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node, run as a child process, is killed with SIGKILL in the middle of a burst of deposits. After a restart every
 * acknowledged record is there, decrypts and verifies against the chain, and no record is anchored twice.
 */
class CrashRecoveryIT {
    @TempDir
    Path dir;

    record Acked(Api.Acct patient, List<String> recordIds) {
    }

    @Test
    void everyAcknowledgedDepositSurvivesASigkillDuringABurstAndIsAnchoredExactlyOnce() throws Exception {
        int port = freePort();
        Process node = startChild(port, "first");
        Api api = awaitReady(port);
        List<Api.Acct> patients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            patients.add(api.open("PATIENT", "Burst patient " + i));
        }
        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService burst = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            Api.Acct p = patients.get(t);
            int thread = t;
            burst.submit(() -> {
                for (int i = 0; !stop.get() && i < 10_000; i++) {
                    try {
                        Response r = api.deposit(p, p, Bundles.patientWithObservations("burst-" + thread, 3),
                                "burst-" + thread + "-" + i);
                        if (r.statusCode() == 201) {
                            acked.add(new Acked(p, r.path("records.id")));
                        }
                    } catch (Exception e) {
                        return; // the node is gone: stop this thread
                    }
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acked.size() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        node.destroyForcibly(); // SIGKILL, mid-burst
        node.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        burst.shutdown();
        burst.awaitTermination(30, TimeUnit.SECONDS);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(40);

        Process again = startChild(port, "second");
        try {
            Api after = awaitReady(port);
            Set<String> batchKeys = new HashSet<>();
            for (Api.Acct p : patients) {
                List<Map<String, Object>> rs = after.awaitAnchored(p, 1, Duration.ofSeconds(120));
                Set<String> present = new HashSet<>();
                rs.forEach(r -> present.add((String) r.get("id")));
                for (Acked a : acked) {
                    if (a.patient().equals(p)) {
                        assertThat(present).containsAll(a.recordIds());
                    }
                }
            }
            for (Acked a : acked) {
                for (String id : a.recordIds()) {
                    after.get(a.patient(), "/records/" + id).then().statusCode(200);
                    Response v = after.get(a.patient(), "/records/" + id + "/verification");
                    v.then().statusCode(200).body("verified", is(true));
                    batchKeys.add(v.path("receipt.batchKey"));
                }
            }
            Map<String, Object> stats = after.stats();
            assertThat(((Number) stats.get("anchoredRecords")).longValue())
                    .isEqualTo(((Number) stats.get("records")).longValue());
            assertThat(((Number) stats.get("anchoredBatches")).longValue())
                    .isEqualTo(((Number) stats.get("batches")).longValue());
            List<Map<String, Object>> batches = given().baseUri(after.url).get("/batches").then().statusCode(200)
                    .extract().path("batches");
            long leavesOnChain = batches.stream().mapToLong(b -> ((Number) b.get("size")).longValue()).sum();
            if (batches.size() < 100) {
                assertThat(leavesOnChain).isEqualTo(((Number) stats.get("records")).longValue());
            }
            assertThat(batches.stream().map(b -> b.get("batchKey")).distinct().count()).isEqualTo(batches.size());
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startChild(int port, String tag) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dsalus.home=" + System.getProperty("salus.home", ".."), "io.salus.node.cli.SalusCli", "node",
                "--data-dir", dir.toString(), "--port", String.valueOf(port), "--set",
                "salus.anchor.max-delay-ms=200", "--set", "salus.anchor.poll-ms=50");
        pb.environment().put("SALUS_MASTER_SECRET", TestNodes.SECRET);
        Files.createDirectories(dir);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child-" + tag + ".log").toFile());
        return pb.start();
    }

    private Api awaitReady(int port) throws Exception {
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (given().baseUri(url).get("/health").statusCode() == 200
                        && Files.exists(dir.resolve("operator.token"))) {
                    return new Api(url, Files.readString(dir.resolve("operator.token")).strip());
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("child node not ready; see " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
