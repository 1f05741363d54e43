package io.salus.node.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Resolved, validated settings of a node. Immutable. */
public final class NodeSettings {
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

    private void validate() {
        intIn(Setting.HTTP_PORT, 0, 65535);
        intIn(Setting.BATCH_SIZE, 1, 65536);
        intIn(Setting.BATCH_DELAY_MS, 1, 3_600_000);
        intIn(Setting.WORKER_INTERVAL_MS, 5, 60_000);
        intIn(Setting.SNAPSHOT_SECONDS, 1, 86_400);
        longIn(Setting.MAX_BODY_BYTES, 1024, 1L << 30);
        longIn(Setting.CHAIN_ID, 1, Long.MAX_VALUE);
        validateR4();
        intIn(Setting.FHIR_MAX_OPENED, 1, 10_000_000);
        intIn(Setting.SMART_ACCESS_TOKEN_SECONDS, 1, 86_400);
        intIn(Setting.SMART_REFRESH_TOKEN_DAYS, 1, 3650);
        if (externalChain() && (get(Setting.IDENTITY_REGISTRY).isEmpty() || get(Setting.RECORD_REGISTRY).isEmpty()
                || get(Setting.ISSUER_REGISTRY).isEmpty() || get(Setting.CONSENT_REGISTRY).isEmpty()
                || get(Setting.ACCESS_LOG).isEmpty() || get(Setting.PAYMENT_TOKEN).isEmpty()
                || get(Setting.DATA_DEALS).isEmpty() || get(Setting.RELAYER_KEY_FILE).isEmpty())) {
            throw new IllegalArgumentException("an external chain (" + Setting.CHAIN_RPC_URL.key()
                    + ") needs the contract addresses and " + Setting.RELAYER_KEY_FILE.key());
        }
    }

    private int intIn(Setting s, int min, int max) {
        return (int) longIn(s, min, max);
    }

    private long longIn(Setting s, long min, long max) {
        try {
            long n = Long.parseLong(values.get(s));
            if (n < min || n > max) {
                throw new IllegalArgumentException(s.key() + " must be within " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.key() + " must be a number, not '" + values.get(s) + "'", e);
        }
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

    /** An integer setting (validated when the settings were resolved). */
    public int number(Setting s) {
        return intIn(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Whether deposits are checked against FHIR R4's own rules ({@link Setting#FHIR_R4_RULES}). */
    public boolean validateR4() {
        String v = get(Setting.FHIR_R4_RULES);
        if (!"true".equals(v) && !"false".equals(v)) {
            throw new IllegalArgumentException(Setting.FHIR_R4_RULES.key() + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public boolean externalChain() {
        return optional(Setting.CHAIN_RPC_URL).isPresent();
    }

    public boolean externalDatabase() {
        return optional(Setting.DB_URL).isPresent();
    }
}
