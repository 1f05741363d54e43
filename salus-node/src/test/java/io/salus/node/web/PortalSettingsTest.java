package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {
    @Test
    void defaultsAreAFifteenMinuteIdleTimeoutAndNoForcedSecureFlag() {
        assertThat(PortalSettings.from(Map.of())).isEqualTo(new PortalSettings(Duration.ofMinutes(15), false));
    }

    @Test
    void theEnvironmentSetsTheIdleTimeoutAndTheSecureFlag() {
        assertThat(PortalSettings.from(Map.of("SALUS_PORTAL_IDLE_MINUTES", "5", "SALUS_PORTAL_SECURE_COOKIE", "true")))
                .isEqualTo(new PortalSettings(Duration.ofMinutes(5), true));
    }

    @Test
    void aZeroOrMalformedIdleTimeoutIsRefused() {
        assertThatThrownBy(() -> PortalSettings.from(Map.of("SALUS_PORTAL_IDLE_MINUTES", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortalSettings.from(Map.of("SALUS_PORTAL_IDLE_MINUTES", "ten")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SALUS_PORTAL_IDLE_MINUTES");
    }
}
