package io.salus.core.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measurement;
import io.salus.core.device.VitalSign;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class MonitoringFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final AccountId PATIENT = new AccountId(UUID.fromString("3f1d0c52-1f59-4b7e-9a41-5d7a3c1b2e90"));

    private MonitoringFixtures() {
    }

    static MonitoringPlan plan(List<Rule> rules) {
        return MonitoringPlan.of(PATIENT, rules).orElseThrow();
    }

    static MonitoringPlan standard() {
        return plan(StandardRules.all());
    }

    static Measurement m(VitalSign sign, double value, int minute) {
        return Measurement.of(sign, value, T0.plusSeconds(60L * minute));
    }
}
