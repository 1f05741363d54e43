package io.salus.node.it;

import io.salus.core.account.EvmAddress;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Alliance;
import io.salus.node.wiring.Node;
import io.salus.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One local chain and N nodes on it (three hospitals by default): node 0 starts the chain and founds the alliance
 * (its NodeRegistry, with a one-second timelock), every other node starts with only the chain's RPC URL and the
 * registry's address, its own data directory, PostgreSQL, KEK and relayer key, and is admitted by the founder through
 * the timelock. Closes the joiners first, then the founder (whose anvil the others use).
 */
final class TestAlliance implements AutoCloseable {
    private final Path root;
    private final List<Node> nodes;

    private TestAlliance(Path root, List<Node> nodes) {
        this.root = root;
        this.nodes = nodes;
    }

    static TestAlliance start(int n) {
        Path root = TempDirs.create("salus-alliance");
        List<Node> nodes = new ArrayList<>();
        try {
            Node founder = TestNodes.start(root.resolve("node-0"), founding("Hospital 0"));
            nodes.add(founder);
            for (int i = 1; i < n; i++) {
                Node joiner = TestNodes.start(root.resolve("node-" + i), joining(founder, root.resolve("node-" + i),
                        "Hospital " + i));
                nodes.add(joiner);
                founder.alliance().orElseThrow().admit(alliance(joiner).candidate(joiner.apiUrl()));
            }
            return new TestAlliance(root, nodes);
        } catch (RuntimeException e) {
            new TestAlliance(root, nodes).close();
            throw e;
        }
    }

    /** The settings of a founding node: an alliance on its local chain, a timelock of one second. */
    static Map<String, String> founding(String organisation) {
        Map<String, String> m = common(organisation);
        m.put(Setting.FEDERATION_ENABLED.key(), "true");
        m.put(Setting.DEAL_TIMELOCK_SECONDS.key(), "1");
        return m;
    }

    /**
     * The settings of a joining node: the founder's chain and registry, nothing else about the chain, and a relayer
     * key of its own (in {@code <data dir>.relayer-key}, funded with gas on the founder's anvil, as an operator of a
     * consortium chain funds a new member's relayer).
     */
    static Map<String, String> joining(Node founder, Path dataDir, String organisation) {
        Map<String, String> m = common(organisation);
        Path keyFile = alliance(founder).relayerKeyFor(dataDir.resolveSibling(dataDir.getFileName()
                + ".relayer-key"));
        m.put(Setting.RELAYER_KEY_FILE.key(), keyFile.toString());
        m.put(Setting.CHAIN_RPC_URL.key(), founder.localChain().orElseThrow().rpcUrl());
        m.put(Setting.CHAIN_ID.key(), Long.toString(founder.ledger().chainId()));
        m.put(Setting.FEDERATION_REGISTRY.key(), alliance(founder).registry().hex());
        return m;
    }

    private static Map<String, String> common(String organisation) {
        Map<String, String> m = new HashMap<>();
        m.put(Setting.FEDERATION_ORGANISATION.key(), organisation);
        m.put(Setting.OUTBOX_MAX_BACKOFF_MS.key(), "1000");
        m.put(Setting.FEDERATION_TIMEOUT_MS.key(), "3000");
        m.put(Setting.FEDERATION_DIRECTORY_CACHE_MS.key(), "0"); // a removal counts from the next request
        return m;
    }

    static Alliance alliance(Node node) {
        return node.alliance().orElseThrow();
    }

    Node founder() {
        return nodes.get(0);
    }

    Node node(int i) {
        return nodes.get(i);
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    EvmAddress address(int i) {
        return node(i).ledger().relayer();
    }

    /** The relayer key of joining node {@code i} (the key its chain transactions are signed with). */
    byte[] relayerKey(int i) {
        try {
            String hex = Files.readString(root.resolve("node-" + i + ".relayer-key")).trim();
            return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one more node that joins from the founder's RPC URL and registry (not admitted). */
    Node startJoiner(String name, String organisation) {
        Node joiner = TestNodes.start(root.resolve(name), joining(founder(), root.resolve(name), organisation));
        nodes.add(joiner);
        return joiner;
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        TempDirs.delete(root);
    }
}
