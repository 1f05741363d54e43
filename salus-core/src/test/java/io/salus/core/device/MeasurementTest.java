package io.salus.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeasurementTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void glucoseInMmolPerLitre_isConvertedToMgPerDecilitreByTheMolarMass() {
        Measurement m = Measurement.of(Reading.of(VitalSign.GLUCOSE_MOLES, "3.0", "mmol/L", AT)).orElseThrow();
        assertThat(m.measure()).isEqualTo(Measure.BLOOD_GLUCOSE);
        assertThat(m.value()).isCloseTo(54.05, within(0.01));
        assertThat(m.source()).isEqualTo(VitalSign.GLUCOSE_MOLES);
    }

    @Test
    void glucoseInMgPerDecilitre_isKept() {
        assertThat(Measurement.of(Reading.of(VitalSign.GLUCOSE_MASS, "70", "mg/dL", AT)).orElseThrow().value())
                .isEqualTo(70.0);
    }

    @Test
    void fahrenheit_isConvertedToCelsius() {
        assertThat(Measurement.of(Reading.of(VitalSign.BODY_TEMPERATURE, "100.4", "[degF]", AT)).orElseThrow()
                .value()).isCloseTo(38.0, within(1e-9));
    }

    @Test
    void bothSpO2Codes_measureOxygenSaturation() {
        assertThat(Measurement.of(Reading.of(VitalSign.OXYGEN_SATURATION_ARTERIAL, "91", "%", AT)).orElseThrow()
                .measure()).isEqualTo(Measure.OXYGEN_SATURATION);
        assertThat(Measurement.of(Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "91", "%", AT))
                .orElseThrow().measure()).isEqualTo(Measure.OXYGEN_SATURATION);
    }

    @Test
    void aUnitThatDoesNotFitTheCode_isUnsupported() {
        assertThat(Measurement.of(Reading.of(VitalSign.GLUCOSE_MASS, "5.5", "mmol/L", AT)).failure().code())
                .isEqualTo(ErrorCode.DEVICE_READING_UNSUPPORTED);
        assertThat(Measurement.of(new Reading("1234-5", java.math.BigDecimal.ONE, "%", AT)).failure().code())
                .isEqualTo(ErrorCode.DEVICE_READING_UNSUPPORTED);
    }

    @Test
    void anImplausibleValue_isMalformed() {
        assertThat(Measurement.of(Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "101", "%", AT)).failure()
                .code()).isEqualTo(ErrorCode.DEVICE_BATCH_MALFORMED);
        assertThat(Measurement.of(Reading.of(VitalSign.HEART_RATE, "-1", "/min", AT)).failure().code())
                .isEqualTo(ErrorCode.DEVICE_BATCH_MALFORMED);
    }
}
