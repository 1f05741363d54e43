package io.salus.node.config;

import io.salus.core.error.Result;
import io.salus.core.privacy.Epsilon;
import io.salus.core.usecase.deal.DealSettings;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolved, validated settings of a node: every value is checked (numbers within their ranges, flags true or false)
 * when they resolve, and a bad one stops the node with a message naming the setting and its environment variable.
 * Immutable.
 */
public final class NodeSettings {
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000");
    private final Map<Setting, String> values;

    private NodeSettings(Map<Setting, String> values) {
        this.values = values;
    }

    /**
     * Resolves settings: defaults, then the data directory's {@code salus.properties}, then the environment, then
     * explicit overrides (command line). Throws {@link IllegalArgumentException} with a readable message on bad
     * values.
     */
    public static NodeSettings resolve(Map<String, String> env, Map<String, String> overrides) {
        Map<Setting, String> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            v.put(s, s.defaultValue());
        }
        apply(v, env, true);
        apply(v, overrides, false);
        Path file = Path.of(v.get(Setting.DATA_DIR)).resolve("salus.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            Map<Setting, String> merged = new EnumMap<>(Setting.class);
            for (Setting s : Setting.values()) {
                merged.put(s, p.getProperty(s.key(), s.defaultValue()));
            }
            apply(merged, env, true);
            apply(merged, overrides, false);
            v = merged;
        }
        NodeSettings settings = new NodeSettings(v);
        settings.validate();
        return settings;
    }

    private static void apply(Map<Setting, String> v, Map<String, String> source, boolean env) {
        for (Setting s : Setting.values()) {
            String value = source.get(env ? s.envName() : s.key());
            if (value != null) {
                v.put(s, value.strip());
            }
        }
    }

    /** {@link #resolve} from this process's environment variables. */
    public static NodeSettings fromEnvironment(Map<String, String> overrides) {
        return resolve(System.getenv(), overrides);
    }

    /** Whether {@code SALUS_DEBUG} is set in this process's environment (read before any settings resolve). */
    public static boolean debugFromEnvironment() {
        String v = System.getenv(Setting.DEBUG.envName());
        return v != null && !v.isEmpty();
    }

    private void validate() {
        intIn(Setting.HTTP_PORT, 0, 65535);
        intIn(Setting.BATCH_SIZE, 1, 65536);
        intIn(Setting.BATCH_DELAY_MS, 1, 3_600_000);
        intIn(Setting.WORKER_INTERVAL_MS, 5, 60_000);
        intIn(Setting.SNAPSHOT_SECONDS, 1, 86_400);
        longIn(Setting.MAX_BODY_BYTES, 1024, 1L << 30);
        longIn(Setting.CHAIN_ID, 1, Long.MAX_VALUE);
        if (outboxMinBackoff().compareTo(outboxMaxBackoff()) > 0) {
            throw new IllegalArgumentException(named(Setting.OUTBOX_MIN_BACKOFF_MS) + " must not exceed "
                    + named(Setting.OUTBOX_MAX_BACKOFF_MS));
        }
        registrationBatchSize();
        consentBatchSize();
        accessLogInterval();
        accessLogGrace();
        privacyBudget();
        portalIdleTimeout();
        portalSecureCookie();
        codeCatalogRefresh();
        deals();
        dealRateBurst();
        dealRateRefill();
        dealTimelockDelay();
        if (externalChain() && (get(Setting.IDENTITY_REGISTRY).isEmpty() || get(Setting.RECORD_REGISTRY).isEmpty()
                || get(Setting.ISSUER_REGISTRY).isEmpty() || get(Setting.CONSENT_REGISTRY).isEmpty()
                || get(Setting.ACCESS_LOG).isEmpty() || get(Setting.PAYMENT_TOKEN).isEmpty()
                || get(Setting.DATA_DEALS).isEmpty() || get(Setting.DEAL_POLICY).isEmpty()
                || get(Setting.DEAL_TIMELOCK).isEmpty() || get(Setting.RELAYER_KEY_FILE).isEmpty())) {
            throw new IllegalArgumentException("an external chain (" + Setting.CHAIN_RPC_URL.key()
                    + ") needs the contract addresses and " + Setting.RELAYER_KEY_FILE.key());
        }
    }

    private int intIn(Setting s, int min, int max) {
        return (int) longIn(s, min, max);
    }

    private long longIn(Setting s, long min, long max) {
        long n;
        try {
            n = Long.parseLong(values.get(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(named(s) + " must be a whole number, not '" + values.get(s) + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(named(s) + " must be within " + min + ".." + max + ", not " + n);
        }
        return n;
    }

    private boolean bool(Setting s) {
        String v = values.get(s);
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw new IllegalArgumentException(named(s) + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** {@code salus.http.port (SALUS_HTTP_PORT)}: both ways of setting it, for error messages. */
    private static String named(Setting s) {
        return s.key() + " (" + s.envName() + ")";
    }

    public String get(Setting s) {
        return values.get(s);
    }

    public Optional<String> optional(Setting s) {
        String v = values.get(s);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR)).toAbsolutePath().normalize();
    }

    public int httpPort() {
        return intIn(Setting.HTTP_PORT, 0, 65535);
    }

    public long maxBodyBytes() {
        return longIn(Setting.MAX_BODY_BYTES, 1024, 1L << 30);
    }

    public long chainId() {
        return longIn(Setting.CHAIN_ID, 1, Long.MAX_VALUE);
    }

    public int batchSize() {
        return intIn(Setting.BATCH_SIZE, 1, 65536);
    }

    public Duration batchDelay() {
        return Duration.ofMillis(intIn(Setting.BATCH_DELAY_MS, 1, 3_600_000));
    }

    public Duration workerInterval() {
        return Duration.ofMillis(intIn(Setting.WORKER_INTERVAL_MS, 5, 60_000));
    }

    public Duration snapshotInterval() {
        return Duration.ofSeconds(intIn(Setting.SNAPSHOT_SECONDS, 1, 86_400));
    }

    /** The first retry delay of a failed outbox write; it doubles up to {@link #outboxMaxBackoff}. */
    public Duration outboxMinBackoff() {
        return Duration.ofMillis(longIn(Setting.OUTBOX_MIN_BACKOFF_MS, 10, 600_000));
    }

    public Duration outboxMaxBackoff() {
        return Duration.ofMillis(longIn(Setting.OUTBOX_MAX_BACKOFF_MS, 10, 600_000));
    }

    public int registrationBatchSize() {
        return intIn(Setting.REGISTRATION_BATCH_SIZE, 1, 10_000);
    }

    public int consentBatchSize() {
        return intIn(Setting.CONSENT_BATCH_SIZE, 1, 5_000);
    }

    public Duration accessLogInterval() {
        return Duration.ofMillis(intIn(Setting.ACCESS_LOG_POLL_MS, 5, 60_000));
    }

    public Duration accessLogGrace() {
        return Duration.ofSeconds(intIn(Setting.ACCESS_LOG_GRACE_SECONDS, 1, 3_600));
    }

    /** The total epsilon of each consumer organisation: a positive decimal up to 1000. */
    public BigDecimal privacyBudget() {
        String v = values.get(Setting.PRIVACY_BUDGET);
        BigDecimal b;
        try {
            b = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(named(Setting.PRIVACY_BUDGET) + " must be a decimal number such as "
                    + "10.0, not '" + v + "'", e);
        }
        if (b.signum() <= 0 || b.compareTo(MAX_BUDGET) > 0) {
            throw new IllegalArgumentException(named(Setting.PRIVACY_BUDGET) + " must be above 0 and at most "
                    + MAX_BUDGET + ", not " + v);
        }
        return b;
    }

    public Duration portalIdleTimeout() {
        return Duration.ofMinutes(intIn(Setting.PORTAL_IDLE_MINUTES, 1, 1_440));
    }

    public boolean portalSecureCookie() {
        return bool(Setting.PORTAL_SECURE_COOKIE);
    }

    public Duration codeCatalogRefresh() {
        return Duration.ofSeconds(intIn(Setting.CODE_CATALOG_REFRESH_SECONDS, 1, 86_400));
    }

    /**
     * The deal rules: the ε a match costs unless the consumer names one (a valid ε), the least escrow (token units),
     * and how far from its deadline a deal must be to be delivered.
     */
    public DealSettings deals() {
        Result<Epsilon> epsilon = Epsilon.parse(values.get(Setting.DEAL_MATCH_EPSILON));
        if (!epsilon.isOk()) {
            throw new IllegalArgumentException(named(Setting.DEAL_MATCH_EPSILON) + " must be an epsilon such as 1.0: "
                    + epsilon.failure().detail());
        }
        return new DealSettings(epsilon.orElseThrow(), longIn(Setting.DEAL_MIN_ESCROW, 0, Long.MAX_VALUE),
                Duration.ofSeconds(longIn(Setting.DEAL_DELIVERY_MARGIN_SECONDS, 0, 86_400)));
    }

    /** How many deal posts (and, separately, matches) an organisation may make at once. */
    public long dealRateBurst() {
        return longIn(Setting.DEAL_RATE_BURST, 1, 1_000_000);
    }

    /** How long until an organisation may post (or match) one more deal. */
    public Duration dealRateRefill() {
        return Duration.ofSeconds(longIn(Setting.DEAL_RATE_REFILL_SECONDS, 1, 86_400));
    }

    /** The minimum delay of the DealTimelock a local chain is deployed with. */
    public Duration dealTimelockDelay() {
        return Duration.ofSeconds(longIn(Setting.DEAL_TIMELOCK_SECONDS, 0, 30L * 86_400));
    }

    public boolean externalChain() {
        return optional(Setting.CHAIN_RPC_URL).isPresent();
    }

    public boolean externalDatabase() {
        return optional(Setting.DB_URL).isPresent();
    }
}
