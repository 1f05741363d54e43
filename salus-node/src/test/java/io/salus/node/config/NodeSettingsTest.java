package io.salus.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
    @TempDir
    Path dataDir;

    private NodeSettings resolve(Map<String, String> env) {
        return NodeSettings.resolve(env, Map.of(Setting.DATA_DIR.key(), dataDir.toString()));
    }

    @Test
    void everySetting_hasAKeyADefaultADescriptionAndItsOwnEnvironmentName() {
        for (Setting s : Setting.values()) {
            assertThat(s.key()).as(s.name()).startsWith("salus.");
            assertThat(s.defaultValue()).as(s.name()).isNotNull();
            assertThat(s.description()).as(s.name()).isNotBlank();
            assertThat(s.envName()).as(s.name()).startsWith("SALUS_");
        }
        assertThat(Arrays.stream(Setting.values()).map(Setting::envName).distinct().count())
                .isEqualTo(Setting.values().length);
    }

    @Test
    void theDefaults_areSafePrivacyParameters_andKeepTodaysBackoffsAndPortalSettings() {
        NodeSettings s = resolve(Map.of());

        assertThat(s.outboxMinBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.outboxMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.accessLogInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.accessLogGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.portalIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.portalSecureCookie()).isFalse();
        assertThat(s.codeCatalogRefresh()).isEqualTo(Duration.ofDays(30));
        assertThat(s.privacyBudget()).isEqualByComparingTo("2");
        assertThat(s.maxQueryEpsilon().value()).isEqualByComparingTo("1");
        assertThat(s.privacyPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(s.catalogRelease()).isEqualTo(new NodeSettings.CatalogParameters(
                Epsilon.parse("0.5").orElseThrow(), 8, new BigDecimal("0.000001")));
    }

    @Test
    void theEnvironment_setsThePortalsIdleTimeoutSecureFlagAndThePrivacyBudget() {
        NodeSettings s = resolve(Map.of("SALUS_PORTAL_IDLE_MINUTES", "5", "SALUS_PORTAL_SECURE_COOKIE", "true",
                "SALUS_PRIVACY_BUDGET_EPSILON", "2.5"));

        assertThat(s.portalIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.portalSecureCookie()).isTrue();
        assertThat(s.privacyBudget()).isEqualByComparingTo(new BigDecimal("2.5"));
    }

    @Test
    void aZeroOrMalformedIdleTimeout_isRefusedNamingTheSettingAndItsVariable() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_PORTAL_IDLE_MINUTES", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salus.portal.idle-minutes (SALUS_PORTAL_IDLE_MINUTES) must be within 1..1440");
        assertThatThrownBy(() -> resolve(Map.of("SALUS_PORTAL_IDLE_MINUTES", "ten")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_PORTAL_IDLE_MINUTES")
                .hasMessageContaining("'ten'");
    }

    @Test
    void aSecureFlagThatIsNeitherTrueNorFalse_isRefused() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_PORTAL_SECURE_COOKIE", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be true or false");
    }

    @Test
    void aPrivacyBudgetThatIsNotAPositiveDecimalUpToAThousand_isRefused() {
        for (String bad : new String[]{"0", "-1", "1000.5", "lots"}) {
            assertThatThrownBy(() -> resolve(Map.of("SALUS_PRIVACY_BUDGET_EPSILON", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("salus.privacy.budget-epsilon");
        }
    }

    @Test
    void aQueryCapOrCatalogueParametersThatAreNotValidEpsilonsOrBounds_areRefused() {
        for (Map<String, String> bad : List.of(Map.of("SALUS_PRIVACY_MAX_QUERY_EPSILON", "0"),
                Map.of("SALUS_PRIVACY_MAX_QUERY_EPSILON", "11"), Map.of("SALUS_PRIVACY_PERIOD_DAYS", "0"),
                Map.of("SALUS_PRIVACY_CATALOG_EPSILON", "NaN"), Map.of("SALUS_PRIVACY_CATALOG_DELTA", "0.5"),
                Map.of("SALUS_PRIVACY_CATALOG_DELTA", "0"), Map.of("SALUS_PRIVACY_CATALOG_CODES_PER_PATIENT", "0"),
                Map.of("SALUS_PRIVACY_CATALOG_EPSILON", "0.000001", "SALUS_PRIVACY_CATALOG_CODES_PER_PATIENT", "2"))) {
            assertThatThrownBy(() -> resolve(bad)).as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("salus.privacy.");
        }
    }

    @Test
    void aFirstBackoffLongerThanTheLongest_isRefused() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_OUTBOX_MIN_BACKOFF_MS", "60000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salus.outbox.min-backoff-ms")
                .hasMessageContaining("salus.outbox.max-backoff-ms");
    }

    @Test
    void mqttIsOffByDefault_onLoopback1883_andAnExternalBrokerMustBeATcpOrSslUrlWithAPort() {
        MqttSettings off = resolve(Map.of()).mqtt();
        assertThat(off.enabled()).isFalse();
        assertThat(off.host()).isEqualTo("127.0.0.1");
        assertThat(off.port()).isEqualTo(1883);
        assertThat(off.external()).isEmpty();
        MqttSettings external = resolve(Map.of("SALUS_MQTT_ENABLED", "true", "SALUS_MQTT_BROKER_URL",
                "ssl://broker.example:8883", "SALUS_MQTT_USERNAME", "node-1")).mqtt();
        assertThat(external.external()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8883));
        assertThat(external.username()).hasValue("node-1");
        for (String bad : List.of("http://broker.example:1883", "tcp://broker.example", "broker.example:1883")) {
            assertThatThrownBy(() -> resolve(Map.of("SALUS_MQTT_BROKER_URL", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_MQTT_BROKER_URL");
        }
        assertThatThrownBy(() -> resolve(Map.of("SALUS_MQTT_PORT", "70000"))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("salus.mqtt.port");
    }

    @Test
    void theLocalChainMinesAnEmptyBlockEverySecondByDefault_andALargeNodeMayRaiseIt_withinAnHour() {
        assertThat(resolve(Map.of()).chainBlockTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(resolve(Map.of("SALUS_CHAIN_BLOCK_SECONDS", "10")).chainBlockTime())
                .isEqualTo(Duration.ofSeconds(10));
        for (String bad : List.of("0", "3601", "1.5", "soon")) {
            assertThatThrownBy(() -> resolve(Map.of("SALUS_CHAIN_BLOCK_SECONDS", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_CHAIN_BLOCK_SECONDS");
        }
    }

    @Test
    void anAccessLogGraceOutsideItsRange_isRefused() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_ACCESS_LOG_GRACE_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..3600");
    }

    @Test
    void theRecoveryWaitsFortyEightHoursByDefault_andTheDemosDefaultYieldsToTheEnvironment() {
        assertThat(resolve(Map.of()).recoveryWaitingPeriod()).isEqualTo(Duration.ofHours(48));
        Map<String, String> demo = Map.of(Setting.RECOVERY_WAITING_SECONDS.key(), "10");
        Map<String, String> dir = Map.of(Setting.DATA_DIR.key(), dataDir.toString());
        assertThat(NodeSettings.resolve(Map.of(), demo, dir).recoveryWaitingPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(NodeSettings.resolve(Map.of("SALUS_RECOVERY_WAITING_SECONDS", "60"), demo, dir)
                .recoveryWaitingPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> resolve(Map.of("SALUS_RECOVERY_WAITING_SECONDS", "-1")))
                .hasMessageContaining("salus.recovery.waiting-seconds");
    }

    @Test
    void everyRateLimit_hasABurstAndARefill_andAMalformedOneIsRefusedNamingIt() {
        NodeSettings s = resolve(Map.of("SALUS_LIMITS_NONCE_BURST", "0"));
        assertThat(s.limit(NodeSettings.Limit.NONCE).burst()).as("0 switches the limit off").isZero();
        assertThat(s.limit(NodeSettings.Limit.SIGN_IN)).isEqualTo(new NodeSettings.LimitValue(20,
                Duration.ofSeconds(15)));
        assertThatThrownBy(() -> resolve(Map.of("SALUS_LIMITS_ACCESS_DENIED_REFILL_SECONDS", "0")))
                .hasMessageContaining("salus.limits.access-denied.refill-seconds");
    }

    @Test
    void theDealRules_defaultToTodaysValues_andABadOneIsRefusedNamingItsVariable() {
        NodeSettings s = resolve(Map.of());

        assertThat(s.deals().matchEpsilon().value()).isEqualByComparingTo(new BigDecimal("1.0"));
        assertThat(s.deals().minEscrow()).isEqualTo(1_000_000);
        assertThat(s.deals().deliveryMargin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.dealRateBurst()).isEqualTo(30);
        assertThat(s.dealRateRefill()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.dealTimelockDelay()).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> resolve(Map.of("SALUS_DEALS_MATCH_EPSILON", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_DEALS_MATCH_EPSILON");
        assertThatThrownBy(() -> resolve(Map.of("SALUS_DEALS_RATE_LIMIT_BURST", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_DEALS_RATE_LIMIT_BURST");
        assertThatThrownBy(() -> resolve(Map.of("SALUS_DEALS_MIN_ESCROW", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_DEALS_MIN_ESCROW");
    }

    @Test
    void aMatchEpsilonAboveThePerQueryCap_isRefusedAtStart_notAtEveryMatch() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_DEALS_MATCH_EPSILON", "4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_DEALS_MATCH_EPSILON")
                .hasMessageContaining("SALUS_PRIVACY_MAX_QUERY_EPSILON");
        assertThat(resolve(Map.of("SALUS_DEALS_MATCH_EPSILON", "4", "SALUS_PRIVACY_MAX_QUERY_EPSILON", "4")).deals()
                .matchEpsilon().value()).isEqualByComparingTo("4");
    }
}
