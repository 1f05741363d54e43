package io.salus.bench.federation;

import io.salus.core.account.Account;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Alliance;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The bench's alliance: whole nodes on one local chain in this process, each with its own embedded PostgreSQL, KEK
 * and relayer, under a temporary directory; the first founds it, each further one joins and is admitted through the
 * founder's one-second timelock. Not thread-safe.
 */
final class BenchAlliance implements AutoCloseable {
    private final List<Node> nodes = new ArrayList<>();
    private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Path root;

    BenchAlliance(String name) {
        try {
            root = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    Node founder() {
        return nodes.get(0);
    }

    /** Starts the next node: the founder first, then joiners, each admitted. */
    Node add() {
        int i = nodes.size();
        Path dir = root.resolve("node-" + i);
        Map<String, String> s = new HashMap<>();
        s.put(Setting.DATA_DIR.key(), dir.toString());
        s.put(Setting.HTTP_PORT.key(), "0");
        s.put(Setting.BATCH_DELAY_MS.key(), "200");
        s.put(Setting.WORKER_INTERVAL_MS.key(), "50");
        s.put(Setting.PRIVACY_BUDGET.key(), "100");
        s.put(Setting.FEDERATION_TIMEOUT_MS.key(), "20000");
        s.put(Setting.FEDERATION_ORGANISATION.key(), "Hospital " + (char) ('A' + i) + " (bench)");
        if (i == 0) {
            s.put(Setting.FEDERATION_ENABLED.key(), "true");
            s.put(Setting.DEAL_TIMELOCK_SECONDS.key(), "1");
        } else {
            Node founder = founder();
            s.put(Setting.CHAIN_RPC_URL.key(), founder.localChain().orElseThrow().rpcUrl());
            s.put(Setting.CHAIN_ID.key(), Long.toString(founder.ledger().chainId()));
            s.put(Setting.FEDERATION_REGISTRY.key(), alliance(founder).registry().hex());
            s.put(Setting.RELAYER_KEY_FILE.key(), alliance(founder).relayerKeyFor(root.resolve("node-" + i
                    + ".relayer-key")).toString());
        }
        Node node = Node.start(NodeSettings.resolve(Map.of(), s), Map.of("SALUS_MASTER_SECRET", secret), false,
                new PrintStream(OutputStream.nullOutputStream()));
        nodes.add(node);
        if (i > 0) {
            alliance(founder()).admit(alliance(node).candidate(node.apiUrl()));
        }
        return node;
    }

    /** Waits (at most a minute) until the chain records the founder as the lab's home. */
    void awaitHome(Account lab) {
        for (int i = 0; i < 600 && alliance(founder()).homeOf(lab.address()).isEmpty(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Alliance alliance(Node n) {
        return n.alliance().orElseThrow();
    }

    /** Stops the alliance, joiners first (the founder's anvil serves them), and deletes its directories. */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
