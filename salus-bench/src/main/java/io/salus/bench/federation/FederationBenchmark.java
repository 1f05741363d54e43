package io.salus.bench.federation;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.core.account.Account;
import io.salus.core.record.Category;
import io.salus.core.usecase.federation.FederatedDiscovery;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Alliance;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Federated count latency (issue 16 item 8): an alliance of 3, then 10 nodes (2, then 3 at smoke size) on one local chain (each node its own
 * embedded PostgreSQL, KEK and relayer, all in this process) with the same number of consenting patients each; a lab of
 * node A asks for a federated count, which A answers with its own count and a signed request to every other member.
 * Baseline in the same run: the bench's own single node holding as many patients as the whole alliance, answering the
 * same count locally. Not thread-safe.
 */
public final class FederationBenchmark implements Benchmark {
    private static final String EPSILON = "0.02";
    private static final byte[] CRITERIA = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
    private static final List<Category> CATEGORIES = List.of(Category.VITAL_SIGNS);
    private final List<Node> nodes = new ArrayList<>();
    private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Path root;

    @Override
    public String name() {
        return "federation";
    }

    @Override
    public void setup(BenchContext ctx) {
        try {
            root = Files.createTempDirectory("salus-bench-alliance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int perNode = ctx.quick() ? 6 : 24;
        int samples = ctx.quick() ? 5 : Math.max(20, 10 * ctx.repeats());
        int small = ctx.quick() ? 2 : 3;
        int large = ctx.quick() ? 3 : 10;
        List<Check> checks = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        try (Progress.Step step = ctx.progress().start("federation", 4)) {
            Node founder = start(0, null);
            BenchHospital baseline = new BenchHospital(ctx.node(), "Single-node hospital");
            Account soloLab = baseline.lab("Single-node lab");
            BenchHospital a = new BenchHospital(founder, "Hospital A");
            Account lab = a.lab("Lab of hospital A");
            List<BenchHospital> hospitals = new ArrayList<>(List.of(a));
            grow(hospitals, small, perNode, ctx.threads());
            baseline.bank(small * perNode, ctx.threads());
            step.stepBy(1);
            double[] fedSmall = federated(lab, samples, small, checks);
            double[] soloSmall = local(ctx.node(), soloLab, samples);
            step.stepBy(1);
            grow(hospitals, large, perNode, ctx.threads());
            baseline.bank((large - small) * perNode, ctx.threads());
            double[] fedLarge = federated(lab, samples, large, checks);
            double[] soloLarge = local(ctx.node(), soloLab, samples);
            step.stepBy(2);
            figures.put("patients", perNode + " consenting patients per node; the single node holds the alliance's "
                    + "total (" + small * perNode + ", then " + large * perNode + ")");
            figures.put("samples", samples + " counts per figure after 3 warm-up counts, one at a time, epsilon "
                    + EPSILON + ", criteria age >= 18 on vital signs");
            figures.put("federated count, " + small + " nodes", Spread.of(fedSmall).text() + " ms");
            figures.put("federated count, " + large + " nodes", Spread.of(fedLarge).text() + " ms");
            figures.put("single node, " + small * perNode + " patients", Spread.of(soloSmall).text() + " ms");
            figures.put("single node, " + large * perNode + " patients", Spread.of(soloLarge).text() + " ms");
            return new Outcome(name(), List.of(
                    new Comparison("federated count latency, " + small + " nodes (home + " + (small - 1)
                            + " members)", "ms", Spread.of(fedSmall),
                            "one node holding the same patients, local count", Spread.of(soloSmall),
                            "federated / single node", ""),
                    new Comparison("federated count latency, " + large + " nodes (home + " + (large - 1)
                            + " members)", "ms", Spread.of(fedLarge),
                            "one node holding the same patients, local count", Spread.of(soloLarge),
                            "federated / single node", "")),
                    figures, checks, List.of());
        }
    }

    /** Starts and admits nodes (with their patients) until the alliance has {@code size}. */
    private void grow(List<BenchHospital> hospitals, int size, int perNode, int threads) {
        if (hospitals.get(0).banked() == 0) {
            hospitals.get(0).bank(perNode, threads);
        }
        while (nodes.size() < size) {
            Node joiner = start(nodes.size(), nodes.get(0));
            alliance(nodes.get(0)).admit(alliance(joiner).candidate(joiner.apiUrl()));
            BenchHospital h = new BenchHospital(joiner, "Hospital " + (char) ('A' + nodes.size() - 1));
            h.bank(perNode, threads);
            hospitals.add(h);
        }
    }

    private double[] federated(Account lab, int samples, int members, List<Check> checks) {
        FederatedDiscovery discovery = alliance(nodes.get(0)).discovery();
        awaitHome(lab);
        double[] ms = timed(samples, () -> discovery.count(lab, CRITERIA, CATEGORIES, BenchHospital.PURPOSE,
                EPSILON).orElseThrow());
        FederatedDiscovery.FederatedCount last = discovery.count(lab, CRITERIA, CATEGORIES, BenchHospital.PURPOSE,
                EPSILON).orElseThrow();
        boolean complete = !last.partial() && last.members().size() == members && last.members().stream()
                .allMatch(m -> m.status() == FederatedDiscovery.Status.ANSWERED);
        checks.add(new Check("every one of the " + members + " members answered the federated count (not partial)",
                complete));
        return ms;
    }

    private static double[] local(Node node, Account lab, int samples) {
        return timed(samples, () -> node.discovery().count(lab, CRITERIA, CATEGORIES, BenchHospital.PURPOSE,
                EPSILON).orElseThrow());
    }

    /** Milliseconds of each of {@code samples} calls, after three unmeasured ones. */
    private static double[] timed(int samples, Supplier<?> call) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private Node start(int i, Node founder) {
        Path dir = root.resolve("node-" + i);
        Map<String, String> s = new HashMap<>();
        s.put(Setting.DATA_DIR.key(), dir.toString());
        s.put(Setting.HTTP_PORT.key(), "0");
        s.put(Setting.BATCH_DELAY_MS.key(), "200");
        s.put(Setting.WORKER_INTERVAL_MS.key(), "50");
        s.put(Setting.PRIVACY_BUDGET.key(), "100");
        s.put(Setting.FEDERATION_TIMEOUT_MS.key(), "20000");
        s.put(Setting.FEDERATION_ORGANISATION.key(), "Hospital " + (char) ('A' + i) + " (bench)");
        if (founder == null) {
            s.put(Setting.FEDERATION_ENABLED.key(), "true");
            s.put(Setting.DEAL_TIMELOCK_SECONDS.key(), "1");
        } else {
            s.put(Setting.CHAIN_RPC_URL.key(), founder.localChain().orElseThrow().rpcUrl());
            s.put(Setting.CHAIN_ID.key(), Long.toString(founder.ledger().chainId()));
            s.put(Setting.FEDERATION_REGISTRY.key(), alliance(founder).registry().hex());
            s.put(Setting.RELAYER_KEY_FILE.key(), alliance(founder).relayerKeyFor(root.resolve("node-" + i
                    + ".relayer-key")).toString());
        }
        Node node = Node.start(NodeSettings.resolve(Map.of(), s), Map.of("SALUS_MASTER_SECRET", secret), false,
                new PrintStream(OutputStream.nullOutputStream()));
        nodes.add(node);
        return node;
    }

    private void awaitHome(Account lab) {
        for (int i = 0; i < 600 && alliance(nodes.get(0)).homeOf(lab.address()).isEmpty(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Alliance alliance(Node n) {
        return n.alliance().orElseThrow();
    }

    /** Stops the alliance, joiners first (the founder's anvil serves them), and deletes its directories. */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        if (root != null) {
            try (var paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
