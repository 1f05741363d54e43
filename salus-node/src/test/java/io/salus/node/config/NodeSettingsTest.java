package io.salus.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
    void theDefaults_keepTodaysPrivacyBudgetBackoffsAndPortalSettings() {
        NodeSettings s = resolve(Map.of());

        assertThat(s.privacyBudget()).isEqualByComparingTo(new BigDecimal("10.0"));
        assertThat(s.outboxMinBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.outboxMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.accessLogInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.accessLogGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.portalIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.portalSecureCookie()).isFalse();
        assertThat(s.codeCatalogRefresh()).isEqualTo(Duration.ofMinutes(1));
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
    void aFirstBackoffLongerThanTheLongest_isRefused() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_OUTBOX_MIN_BACKOFF_MS", "60000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salus.outbox.min-backoff-ms")
                .hasMessageContaining("salus.outbox.max-backoff-ms");
    }

    @Test
    void anAccessLogGraceOutsideItsRange_isRefused() {
        assertThatThrownBy(() -> resolve(Map.of("SALUS_ACCESS_LOG_GRACE_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..3600");
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
}
