package io.salus.core.usecase.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.RuleId;
import io.salus.core.monitoring.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertPayloadTest {
    private static final AccountId PATIENT = new AccountId(UUID.randomUUID());
    private static final Instant AT = Instant.parse("2026-03-01T08:30:00Z");

    private static Alert alert(Optional<Measure> measure, Optional<Double> value) {
        RuleId rule = new RuleId("low-spo2");
        return new Alert(AlertId.of(PATIENT, rule, AT), PATIENT, rule, "Low oxygen saturation (SpO2 < 90 %)",
                Severity.URGENT, measure, value, "%", AT, AT.plusSeconds(2), "SpO2 88 % — ünïcode détail");
    }

    private static Alert roundTrip(Alert a) {
        return AlertPayload.decode(AlertPayload.encode(a), a.id(), a.patient(), a.severity(), a.dataAt(),
                a.raisedAt());
    }

    @Test
    void anAlertWithAValue_decodesToTheSameAlert() {
        Alert a = alert(Optional.of(Measure.OXYGEN_SATURATION), Optional.of(88.0));
        assertThat(roundTrip(a)).isEqualTo(a);
    }

    @Test
    void aSilenceLikeAlertWithoutMeasureOrValue_decodesWithoutThem() {
        Alert a = alert(Optional.empty(), Optional.empty());
        assertThat(roundTrip(a)).isEqualTo(a);
    }

    @Test
    void aTruncatedOrUnknownVersionPayload_isRefusedNotMisread() {
        Alert a = alert(Optional.of(Measure.OXYGEN_SATURATION), Optional.of(88.0));
        byte[] bytes = AlertPayload.encode(a);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> AlertPayload.decode(truncated, a.id(), PATIENT, a.severity(), AT, AT))
                .isInstanceOf(IllegalStateException.class);
        bytes[0] = 2;
        assertThatThrownBy(() -> AlertPayload.decode(bytes, a.id(), PATIENT, a.severity(), AT, AT))
                .isInstanceOf(IllegalStateException.class);
    }
}
