package io.salus.node.config;

import io.salus.core.error.Result;
import io.salus.core.job.JobLimits;
import io.salus.core.privacy.Epsilon;
import io.salus.core.usecase.deal.DealSettings;
import java.io.IOException;
import java.io.Reader;
import io.salus.core.error.Result;
import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
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
        return resolve(env, Map.of(), overrides);
    }

    /**
     * {@link #resolve} where {@code defaults} (by key) replace the built-in defaults, yielding to the data directory's
     * file, the environment and the overrides (the demo's short recovery waiting period).
     */
    public static NodeSettings resolve(Map<String, String> env, Map<String, String> defaults,
            Map<String, String> overrides) {
        Map<Setting, String> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            v.put(s, defaults.getOrDefault(s.key(), s.defaultValue()));
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
                merged.put(s, p.getProperty(s.key(), defaults.getOrDefault(s.key(), s.defaultValue())));
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

    /** {@link #resolve(Map, Map, Map)} from this process's environment variables. */
    public static NodeSettings fromEnvironment(Map<String, String> defaults, Map<String, String> overrides) {
        return resolve(System.getenv(), defaults, overrides);
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
        intIn(Setting.CHAIN_BLOCK_SECONDS, 1, 3_600);
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
        maxQueryEpsilon();
        privacyPeriod();
        catalogRelease();
        portalIdleTimeout();
        portalSecureCookie();
        codeCatalogRefresh();
        recoveryWaitingPeriod();
        for (Limit l : Limit.values()) {
            limit(l);
        }
        deviceIntakePolicyValues();
        deviceCachedStreams();
        monitoringEscalationStep();
        emergencyWindow();
        licenceRequired();
        dealProviderLicenceRequired();
        monitoringTick();
        jobLimits();
        mqtt();
        importLimits();
        credits();
        alertWebhook();
        deals();
        dealRateBurst();
        dealRateRefill();
        dealTimelockDelay();
        validateR4();
        fhirMaxOpened();
        smartAccessTokenLifetime();
        smartRefreshTokenLifetime();
        federation();
        if (externalChain() && !joinsAlliance()
                && (get(Setting.IDENTITY_REGISTRY).isEmpty() || get(Setting.RECORD_REGISTRY).isEmpty()
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

    /** The local chain's interval between empty blocks. */
    public Duration chainBlockTime() {
        return Duration.ofSeconds(intIn(Setting.CHAIN_BLOCK_SECONDS, 1, 3_600));
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

    /** The largest epsilon one query may spend: a valid epsilon (at most 10). */
    public Epsilon maxQueryEpsilon() {
        return epsilon(Setting.PRIVACY_MAX_QUERY_EPSILON);
    }

    public Duration privacyPeriod() {
        return Duration.ofDays(intIn(Setting.PRIVACY_PERIOD_DAYS, 1, 3_660));
    }

    /** The code catalogue's release parameters: epsilon, partitions per patient, delta. */
    public CatalogParameters catalogRelease() {
        Epsilon eps = epsilon(Setting.CATALOG_EPSILON);
        int k = intIn(Setting.CATALOG_CODES_PER_PATIENT, 1, 64);
        BigDecimal delta;
        try {
            delta = new BigDecimal(values.get(Setting.CATALOG_DELTA));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(named(Setting.CATALOG_DELTA) + " must be a decimal such as 0.000001", e);
        }
        if (delta.signum() <= 0 || delta.compareTo(new BigDecimal("0.01")) > 0) {
            throw new IllegalArgumentException(named(Setting.CATALOG_DELTA) + " must be above 0 and at most 0.01, not "
                    + delta.toPlainString());
        }
        if (eps.value().divide(BigDecimal.valueOf(k), Epsilon.MAX_SCALE, RoundingMode.DOWN).signum() == 0) {
            throw new IllegalArgumentException(named(Setting.CATALOG_EPSILON) + " over "
                    + named(Setting.CATALOG_CODES_PER_PATIENT) + " must be at least 0.000001");
        }
        return new CatalogParameters(eps, k, delta);
    }

    /** What one release of the code catalogue may spend and how it is bounded. */
    public record CatalogParameters(Epsilon epsilon, int codesPerPatient, BigDecimal delta) {
    }

    private Epsilon epsilon(Setting s) {
        Result<Epsilon> e = Epsilon.parse(values.get(s));
        if (!(e instanceof Result.Ok<Epsilon> ok)) {
            throw new IllegalArgumentException(named(s) + ": " + e.failure().detail());
        }
        return ok.value();
    }

    public Duration portalIdleTimeout() {
        return Duration.ofMinutes(intIn(Setting.PORTAL_IDLE_MINUTES, 1, 1_440));
    }

    public boolean portalSecureCookie() {
        return bool(Setting.PORTAL_SECURE_COOKIE);
    }

    public Duration codeCatalogRefresh() {
        return Duration.ofSeconds(intIn(Setting.CODE_CATALOG_REFRESH_SECONDS, 1, 31_622_400));
    }

    /** How long an approved recovery waits before it can be completed: 0 to 30 days. */
    public Duration recoveryWaitingPeriod() {
        return Duration.ofSeconds(longIn(Setting.RECOVERY_WAITING_SECONDS, 0, 30L * 86_400));
    }

    /** The rate limits, each a burst (0: no limit) and the seconds after which one more request is allowed. */
    public enum Limit {
        SIGN_IN(Setting.LIMIT_SIGN_IN_BURST, Setting.LIMIT_SIGN_IN_REFILL_SECONDS),
        SESSION(Setting.LIMIT_SESSION_BURST, Setting.LIMIT_SESSION_REFILL_SECONDS),
        DEAL_POST(Setting.LIMIT_DEAL_POST_BURST, Setting.LIMIT_DEAL_POST_REFILL_SECONDS),
        NONCE(Setting.LIMIT_NONCE_BURST, Setting.LIMIT_NONCE_REFILL_SECONDS),
        RECOVERY_OPEN(Setting.LIMIT_RECOVERY_OPEN_BURST, Setting.LIMIT_RECOVERY_OPEN_REFILL_SECONDS),
        ACCESS(Setting.LIMIT_ACCESS_BURST, Setting.LIMIT_ACCESS_REFILL_SECONDS),
        ACCESS_DENIED(Setting.LIMIT_ACCESS_DENIED_BURST, Setting.LIMIT_ACCESS_DENIED_REFILL_SECONDS),
        FEDERATION_COUNT(Setting.LIMIT_FEDERATION_COUNT_BURST, Setting.LIMIT_FEDERATION_COUNT_REFILL_SECONDS);

        private final Setting burst;
        private final Setting refill;

        Limit(Setting burst, Setting refill) {
            this.burst = burst;
            this.refill = refill;
        }
    }

    /** A limit's burst and refill interval. */
    public record LimitValue(long burst, Duration refill) {
    }

    public LimitValue limit(Limit l) {
        return new LimitValue(longIn(l.burst, 0, 1_000_000), Duration.ofSeconds(longIn(l.refill, 1, 86_400)));
    }

    /** Window, most readings per batch and clock skew of device intake, validated. */
    public long[] deviceIntakePolicyValues() {
        return new long[]{intIn(Setting.DEVICE_WINDOW, 1, 1 << 16), intIn(Setting.DEVICE_MAX_READINGS, 1, 100_000),
                intIn(Setting.DEVICE_CLOCK_SKEW_SECONDS, 0, 86_400)};
    }

    public int deviceCachedStreams() {
        return intIn(Setting.DEVICE_CACHED_STREAMS, 1, 10_000_000);
    }

    /** Whether providers must present a licence before they deposit or read (issue 19). */
    public boolean licenceRequired() {
        return bool(Setting.PROVIDER_LICENCE_REQUIRED);
    }

    /** Whether deals pay providers only with a valid licence (the marketplace's PROVIDER rule, issue 19). */
    public boolean dealProviderLicenceRequired() {
        return bool(Setting.DEAL_PROVIDER_LICENCE_REQUIRED);
    }

    /** How long a break-the-glass access may be read (issue 19). */
    public Duration emergencyWindow() {
        return Duration.ofSeconds(longIn(Setting.EMERGENCY_WINDOW_SECONDS, 1, 7L * 86_400));
    }

    public Duration monitoringEscalationStep() {
        return Duration.ofSeconds(intIn(Setting.MONITORING_ESCALATION_SECONDS, 1, 7 * 86_400));
    }

    public Duration monitoringTick() {
        return Duration.ofMillis(intIn(Setting.MONITORING_TICK_MS, 10, 3_600_000));
    }

    /** Compute jobs' limits: a module run's longest deadline and its memory; the rest as {@link JobLimits#DEFAULT}. */
    public JobLimits jobLimits() {
        JobLimits d = JobLimits.DEFAULT;
        return new JobLimits(Duration.ofMillis(intIn(Setting.JOB_MAX_DEADLINE_MS, 10, 600_000)), d.maxModuleBytes(),
                intIn(Setting.JOB_MEMORY_PAGES, 1, 16_384), d.maxEmitted(), d.maxBlocks());
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
        if (epsilon.orElseThrow().value().compareTo(maxQueryEpsilon().value()) > 0) {
            throw new IllegalArgumentException(named(Setting.DEAL_MATCH_EPSILON) + " must not exceed "
                    + named(Setting.PRIVACY_MAX_QUERY_EPSILON) + ": every match would be refused");
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

    /** Whether the node re-wraps values sealed under older KEK keys at start ({@link Setting#KEK_REWRAP_AT_START}). */
    public boolean kekRewrapAtStart() {
        return bool(Setting.KEK_REWRAP_AT_START);
    }

    /** Whether deposits are checked against FHIR R4's own rules ({@link Setting#FHIR_R4_RULES}). */
    public boolean validateR4() {
        return bool(Setting.FHIR_R4_RULES);
    }

    /** The most records one FHIR read or search may open. */
    public int fhirMaxOpened() {
        return intIn(Setting.FHIR_MAX_OPENED, 1, 10_000_000);
    }

    public Duration smartAccessTokenLifetime() {
        return Duration.ofSeconds(intIn(Setting.SMART_ACCESS_TOKEN_SECONDS, 1, 86_400));
    }

    public Duration smartRefreshTokenLifetime() {
        return Duration.ofDays(intIn(Setting.SMART_REFRESH_TOKEN_DAYS, 1, 3650));
    }

    /** The federation's settings (docs/federation.md). */
    public record Federation(boolean found, Optional<String> registry, String organisation, Optional<String> endpoint,
            Duration timeout, Duration signatureWindow) {
    }

    public Federation federation() {
        Optional<String> registry = optional(Setting.FEDERATION_REGISTRY);
        if (registry.isPresent() && !registry.get().matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(named(Setting.FEDERATION_REGISTRY) + " is not an address: "
                    + registry.get());
        }
        if (registry.isPresent() && !externalChain()) {
            throw new IllegalArgumentException(named(Setting.FEDERATION_REGISTRY) + " joins an alliance on its chain: "
                    + "set " + named(Setting.CHAIN_RPC_URL) + " too");
        }
        String org = get(Setting.FEDERATION_ORGANISATION);
        if (org.isBlank() || org.length() > 200) {
            throw new IllegalArgumentException(named(Setting.FEDERATION_ORGANISATION) + " must be 1 to 200 characters");
        }
        return new Federation(bool(Setting.FEDERATION_ENABLED), registry, org, optional(Setting.FEDERATION_ENDPOINT),
                Duration.ofMillis(longIn(Setting.FEDERATION_TIMEOUT_MS, 50, 600_000)),
                Duration.ofSeconds(longIn(Setting.FEDERATION_SIGNATURE_SECONDS, 5, 3600)));
    }

    /** How long the alliance's member list is kept before the NodeRegistry is read again (zero: never kept). */
    public Duration federationDirectoryCache() {
        return Duration.ofMillis(longIn(Setting.FEDERATION_DIRECTORY_CACHE_MS, 0, 60_000));
    }

    /** Whether this node joins an existing alliance: an external chain and a NodeRegistry address. */
    public boolean joinsAlliance() {
        return externalChain() && optional(Setting.FEDERATION_REGISTRY).isPresent();
    }

    /** MQTT intake: whether it runs, the embedded broker's address, or the external broker and its credentials. */
    public MqttSettings mqtt() {
        Optional<URI> external = optional(Setting.MQTT_BROKER_URL).map(u -> {
            URI uri = URI.create(u);
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw new IllegalArgumentException(named(Setting.MQTT_BROKER_URL)
                        + " must be tcp://host:port or ssl://host:port");
            }
            return uri;
        });
        return new MqttSettings(bool(Setting.MQTT_ENABLED), get(Setting.MQTT_HOST), intIn(Setting.MQTT_PORT, 0,
                65535), external, optional(Setting.MQTT_USERNAME), optional(Setting.MQTT_PASSWORD));
    }

    /** The largest reading import in bytes and in readings. */
    public long[] importLimits() {
        return new long[]{longIn(Setting.IMPORT_MAX_BYTES, 1024, 1L << 40), intIn(Setting.IMPORT_MAX_READINGS, 1,
                10_000_000)};
    }

    /** The credit policy's values: rate, treasury share, fee share (bps), expected readings a day, report price. */
    public long[] credits() {
        return new long[]{longIn(Setting.CREDITS_RATE, 0, 1L << 40), intIn(Setting.CREDITS_TREASURY_SHARE_BPS, 0,
                10_000), intIn(Setting.CREDITS_FEE_SHARE_BPS, 0, 10_000),
                intIn(
                        Setting.CREDITS_EXPECTED_READINGS_PER_DAY, 1, 86_400_000),
                longIn(
                        Setting.CREDITS_RISK_REPORT_PRICE, 1, 1L << 40)};
    }

    /** The alert webhook's address and signing key, when {@code salus.alerts.webhook-url} is set (http or https). */
    public Optional<Map.Entry<URI, Optional<String>>> alertWebhook() {
        Optional<String> url = optional(Setting.ALERTS_WEBHOOK_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(named(Setting.ALERTS_WEBHOOK_URL) + " is not an address", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(named(Setting.ALERTS_WEBHOOK_URL) + " must be an http(s) address");
        }
        return Optional.of(Map.entry(uri, optional(Setting.ALERTS_WEBHOOK_SECRET)));
    }

    public boolean externalChain() {
        return optional(Setting.CHAIN_RPC_URL).isPresent();
    }

    public boolean externalDatabase() {
        return optional(Setting.DB_URL).isPresent();
    }
}
