package io.salus.node.it;

import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Node;
import io.salus.platform.StopOnExit;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** Starts real nodes (embedded PostgreSQL, local anvil) on a data directory, for integration tests. */
final class TestNodes {
    static final String SECRET = "integration-test-secret-0001";
    static final String TEST_BUDGET = "100";
    private static Node shared;

    private TestNodes() {
    }

    /** The recovery waiting period of the test nodes: short, so that recoveries complete within a test. */
    static final int RECOVERY_WAIT_SECONDS = 3;

    /** How long a break-the-glass access lasts on the test nodes: short, so that a test sees it expire. */
    static final int EMERGENCY_WINDOW_SECONDS = 6;

    /**
     * Fast batches and snapshots; a code catalogue that a test's dozen patients can show, released anew every second:
     * one code per patient, epsilon 8 and delta 0.01 (listing threshold 11, the small-cell minimum); and deal matches
     * at epsilon 4 (noisy cohort sizes of a dozen patients clear the threshold), so a query may spend 4 and each test
     * organisation 100 per period. These are test parameters, far weaker than the defaults (docs/privacy.md). Test
     * nodes wait {@link #RECOVERY_WAIT_SECONDS} for recoveries and have no rate limits (every test calls from
     * 127.0.0.1; {@code RateLimitIT} starts a node of its own with small ones).
     */
    static Map<String, String> settings(Path dataDir) {
        Map<String, String> m = new java.util.HashMap<>(Map.ofEntries(Map.entry(Setting.DATA_DIR.key(),
                dataDir.toString()), Map.entry(Setting.HTTP_PORT.key(), "0"),
                Map.entry(Setting.BATCH_DELAY_MS.key(),
                        "200"),
                Map.entry(Setting.WORKER_INTERVAL_MS.key(), "50"),
                Map.entry(Setting.SNAPSHOT_SECONDS.key(), "2"), Map.entry(Setting.CATALOG_EPSILON.key(), "8"),
                Map.entry(Setting.CATALOG_CODES_PER_PATIENT.key(), "1"), Map.entry(Setting.CATALOG_DELTA.key(), "0.01"),
                Map.entry(Setting.CODE_CATALOG_REFRESH_SECONDS.key(), "1"),
                Map.entry(Setting.DEAL_MATCH_EPSILON.key(), DealWorld.STRONG_EPSILON),
                Map.entry(Setting.PRIVACY_MAX_QUERY_EPSILON.key(), DealWorld.STRONG_EPSILON),
                Map.entry(Setting.PRIVACY_BUDGET.key(), TEST_BUDGET),
                Map.entry(Setting.RECOVERY_WAITING_SECONDS.key(), Integer.toString(RECOVERY_WAIT_SECONDS)),
                Map.entry(Setting.MONITORING_ESCALATION_SECONDS.key(), "2"),
                Map.entry(Setting.MONITORING_TICK_MS.key(), "200"),
                Map.entry(Setting.EMERGENCY_WINDOW_SECONDS.key(), Integer.toString(EMERGENCY_WINDOW_SECONDS))));
        for (Setting limit : new Setting[]{Setting.LIMIT_SIGN_IN_BURST, Setting.LIMIT_SESSION_BURST,
                Setting.LIMIT_DEAL_POST_BURST, Setting.LIMIT_NONCE_BURST, Setting.LIMIT_RECOVERY_OPEN_BURST,
                Setting.LIMIT_ACCESS_BURST, Setting.LIMIT_ACCESS_DENIED_BURST}) {
            m.put(limit.key(), "0");
        }
        return m;
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

    /**
     * One node shared by the test classes that do not restart or kill it, with MQTT intake on an embedded broker;
     * stopped in order when the JVM exits.
     */
    static synchronized Node shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("salus-it-shared");
                shared = start(dir, Map.of(Setting.MQTT_ENABLED.key(), "true", Setting.MQTT_PORT.key(), "0"));
                Node n = shared;
                StopOnExit.register("the shared test node", n::close);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** The node's key manager, opened with the test secret (for tests that sign as an account or open its data). */
    static TinkKeyManager keys(Node node) {
        return new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"), new SecureRandom())
                .open(SECRET.toCharArray()).orElseThrow();
    }

    static String operatorToken(Node node) {
        try {
            return Files.readString(node.operatorTokenFile()).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
