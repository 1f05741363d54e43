package io.salus.node.it;

import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Node;
import io.salus.platform.StopOnExit;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts real nodes (embedded PostgreSQL, local anvil) on a data directory, for integration tests. */
final class TestNodes {
    static final String SECRET = "integration-test-secret-0001";
    private static Node shared;

    private TestNodes() {
    }

    static Map<String, String> settings(Path dataDir) {
        return Map.of(Setting.DATA_DIR.key(), dataDir.toString(), Setting.HTTP_PORT.key(), "0",
                Setting.BATCH_DELAY_MS.key(), "200", Setting.WORKER_INTERVAL_MS.key(), "50",
                Setting.SNAPSHOT_SECONDS.key(), "2", Setting.DEAL_MATCH_EPSILON.key(), DealWorld.STRONG_EPSILON);
    }

    static Node start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** A node on {@code dataDir} with these settings over the test defaults. */
    static Node start(Path dataDir, Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(settings(dataDir));
        all.putAll(extra);
        return Node.start(NodeSettings.resolve(Map.of(), all), Map.of("SALUS_MASTER_SECRET", SECRET), false,
                new PrintStream(OutputStream.nullOutputStream()));
    }

    /** One node shared by the test classes that do not restart or kill it; stopped in order when the JVM exits. */
    static synchronized Node shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("salus-it-shared");
                shared = start(dir);
                Node n = shared;
                StopOnExit.register("the shared test node", n::close);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    static String operatorToken(Node node) {
        try {
            return Files.readString(node.operatorTokenFile()).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
