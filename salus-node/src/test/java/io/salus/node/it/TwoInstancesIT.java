package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.restassured.response.Response;
import io.salus.chain.ContractAddresses;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.node.config.Setting;
import io.salus.node.wiring.InstanceFiles;
import io.salus.testkit.Bundles;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.TestDatabase;
import io.salus.testkit.postgres.WithPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * One node run as two instances (child processes) on one PostgreSQL and one chain, the second prepared from the
 * first's data directory (decision 0031). A burst of deposits goes to both; the first instance is killed with SIGKILL
 * mid-burst; the second carries on. Every acknowledged record is then anchored, decrypts and verifies, and the
 * relayer's transactions on chain are all different (nothing sent twice) with none left pending.
 */
@WithChain
@WithPostgres
class TwoInstancesIT {
    @TempDir
    Path dir;

    record Acked(Api.Acct patient, List<String> recordIds) {
    }

    @Test
    void twoInstancesOnOneDatabase_oneKilledMidBurst_loseNothingAcknowledgedAndSendNothingTwice(TestChain chain,
            TestDatabase db) throws Exception {
        Deployment d = chain.freshDeployment();
        EvmAddress relayer = d.relayer();
        Path keyFile = dir.resolve("relayer.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(d.relayerKey()), StandardCharsets.US_ASCII);
        List<String> shared = sharedSettings(chain, d, db, keyFile);
        long firstBlock = head(chain.rpc());
        long sentBefore = chain.sentBy(relayer);

        Path dir1 = dir.resolve("instance-1");
        Path dir2 = dir.resolve("instance-2");
        int port1 = freePort();
        Process one = startInstance(dir1, port1, shared);
        Process two = null;
        try {
            Api api1 = awaitReady(dir1, port1);
            assertThat(InstanceFiles.copy(dir1, dir2)).contains("keys/kek.json", "keys/node-keys.json",
                    "operator.token");
            int port2 = freePort();
            two = startInstance(dir2, port2, shared);
            Api api2 = awaitReady(dir2, port2);

            List<Api.Acct> patients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                patients.add((i % 2 == 0 ? api1 : api2).open("PATIENT", "Instance patient " + i));
            }
            ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
            AtomicBoolean oneGone = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService burst = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                Api.Acct p = patients.get(t);
                int thread = t;
                burst.submit(() -> {
                    for (int i = 0; !stop.get() && i < 10_000; i++) {
                        Api target = i % 2 == 0 && !oneGone.get() ? api1 : api2;
                        try {
                            Response r = target.deposit(p, p, Bundles.patientWithObservations("two-" + thread, 3),
                                    "two-" + thread + "-" + i);
                            if (r.statusCode() == 201) {
                                acked.add(new Acked(p, r.path("records.id")));
                            }
                        } catch (Exception e) {
                            // the killed instance: this request is not acknowledged; the next goes to the other
                        }
                    }
                });
            }
            awaitAcked(acked, 40);
            one.destroyForcibly(); // SIGKILL, mid-burst
            one.waitFor(30, TimeUnit.SECONDS);
            oneGone.set(true);
            awaitAcked(acked, acked.size() + 20);
            stop.set(true);
            burst.shutdown();
            assertThat(burst.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            for (Api.Acct p : patients) {
                List<Map<String, Object>> rs = api2.awaitAnchored(p, 1, Duration.ofSeconds(300));
                Set<String> present = new HashSet<>();
                rs.forEach(r -> present.add((String) r.get("id")));
                acked.stream().filter(a -> a.patient().equals(p)).forEach(a -> assertThat(present)
                        .containsAll(a.recordIds()));
            }
            for (Acked a : acked) {
                for (String id : a.recordIds()) {
                    api2.get(a.patient(), "/records/" + id + "/verification").then().statusCode(200)
                            .body("verified", is(true));
                }
            }
            Map<String, Object> stats = api2.stats();
            assertThat(((Number) stats.get("anchoredRecords")).longValue())
                    .isEqualTo(((Number) stats.get("records")).longValue());
            List<Map<String, Object>> batches = given().baseUri(api2.url).get("/batches").then().statusCode(200)
                    .extract().path("batches");
            assertThat(batches.stream().map(b -> b.get("batchKey")).distinct().count()).isEqualTo(batches.size());

            List<String> inputs = relayerInputs(chain.rpc(), relayer, firstBlock + 1);
            assertThat(new HashSet<>(inputs)).as("no transaction sent twice").hasSameSizeAs(inputs);
            assertThat(inputs).hasSize((int) (chain.sentBy(relayer) - sentBefore));
            assertThat(chain.nonceOf(relayer)).as("nothing left pending").isEqualTo(chain.sentBy(relayer));
        } finally {
            one.destroyForcibly();
            if (two != null) {
                two.destroy();
                two.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> sharedSettings(TestChain chain, Deployment d, TestDatabase db, Path keyFile) {
        ContractAddresses c = d.contracts();
        Map<Setting, String> m = new java.util.LinkedHashMap<>();
        m.put(Setting.DB_URL, db.jdbcUrl());
        m.put(Setting.DB_USER, db.user());
        m.put(Setting.DB_PASSWORD, db.password());
        m.put(Setting.CHAIN_RPC_URL, chain.local().rpcUrl());
        m.put(Setting.CHAIN_ID, Long.toString(chain.chainId()));
        m.put(Setting.RELAYER_KEY_FILE, keyFile.toString());
        m.put(Setting.IDENTITY_REGISTRY, c.identityRegistry().hex());
        m.put(Setting.RECORD_REGISTRY, c.recordRegistry().hex());
        m.put(Setting.ISSUER_REGISTRY, c.consent().orElseThrow().issuerRegistry().hex());
        m.put(Setting.CONSENT_REGISTRY, c.consent().orElseThrow().consentRegistry().hex());
        m.put(Setting.ACCESS_LOG, c.consent().orElseThrow().accessLog().hex());
        m.put(Setting.PAYMENT_TOKEN, c.deals().orElseThrow().paymentToken().hex());
        m.put(Setting.DATA_DEALS, c.deals().orElseThrow().dataDeals().hex());
        m.put(Setting.DEAL_POLICY, c.deals().orElseThrow().dealPolicy().hex());
        m.put(Setting.DEAL_TIMELOCK, c.deals().orElseThrow().timelock().hex());
        m.put(Setting.BATCH_DELAY_MS, "200");
        m.put(Setting.WORKER_INTERVAL_MS, "50");
        m.put(Setting.OUTBOX_MAX_BACKOFF_MS, "1000");
        List<String> args = new ArrayList<>();
        m.forEach((k, v) -> {
            args.add("--set");
            args.add(k.key() + "=" + v);
        });
        return args;
    }

    private Process startInstance(Path dataDir, int port, List<String> shared) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dsalus.home=" + System.getProperty("salus.home", ".."), "io.salus.node.cli.SalusCli", "node",
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        cmd.addAll(shared);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SALUS_MASTER_SECRET", TestNodes.SECRET);
        Files.createDirectories(dataDir);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(dataDir.getFileName() + ".log").toFile());
        return pb.start();
    }

    private static Api awaitReady(Path dataDir, int port) throws Exception {
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos(); // a loaded machine starts slowly
        while (System.nanoTime() < deadline) {
            try {
                if (given().baseUri(url).get("/health").statusCode() == 200
                        && Files.exists(dataDir.resolve("operator.token"))) {
                    return new Api(url, Files.readString(dataDir.resolve("operator.token")).strip());
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        throw new AssertionError("instance not ready; the end of its log:\n" + String.join("\n", lines.subList(Math
                .max(0, lines.size() - 40), lines.size())));
    }

    private static void awaitAcked(ConcurrentLinkedQueue<Acked> acked, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (acked.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(n);
    }

    private static long head(Rpc rpc) {
        return rpc.call("eth_blockNumber", () -> rpc.web3j().ethBlockNumber().send().getBlockNumber())
                .longValueExact();
    }

    /** The input of every transaction the relayer had mined from block {@code from} on. */
    private static List<String> relayerInputs(Rpc rpc, EvmAddress relayer, long from) {
        List<String> inputs = new ArrayList<>();
        long to = head(rpc);
        for (long b = from; b <= to; b++) {
            DefaultBlockParameter n = DefaultBlockParameter.valueOf(BigInteger.valueOf(b));
            EthBlock.Block block = rpc.call("eth_getBlockByNumber",
                    () -> rpc.web3j().ethGetBlockByNumber(n, true).send().getBlock());
            for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
                Transaction tx = (Transaction) r.get();
                if (relayer.hex().toLowerCase(Locale.ROOT).equals(tx.getFrom().toLowerCase(Locale.ROOT))) {
                    inputs.add(tx.getInput());
                }
            }
        }
        return inputs;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
