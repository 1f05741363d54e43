package io.salus.fhir.device;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.crypto.device.Ed25519DeviceKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streamed batch record is byte for byte HAPI's encoding of the same Bundle, for every supported vital sign and
 * unit, values of every scale, and times with and without fractions of a second.
 */
class BatchRecordWriterTest {
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final Instant T = Instant.parse("2026-03-01T08:30:00Z");
    private final Ed25519DeviceKey key = Ed25519DeviceKey.generate(new SecureRandom());
    private final DeviceRegistration device = new DeviceRegistration(new DeviceId(UUID.randomUUID()),
            new AccountId(UUID.randomUUID()), new AccountId(UUID.randomUUID()), key.publicKey(),
            DeviceKind.MULTIPARAMETER_MONITOR, EnumSet.allOf(VitalSign.class), T, Optional.empty());
    private final DeviceBatchBundle bundles = new DeviceBatchBundle(FHIR);

    @Test
    void theStreamedRecordIsExactlyHapisEncodingOfTheSameBundle() {
        List<Reading> readings = new ArrayList<>(List.of(Reading.of(VitalSign.HEART_RATE, "72", "/min", T), Reading
                .of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "97", "%", T.plusNanos(123_456_789)),
                Reading.of(
                        VitalSign.OXYGEN_SATURATION_ARTERIAL, "99.5", "%", T.plusMillis(1)),
                Reading.of(VitalSign.SYSTOLIC_BLOOD_PRESSURE,
                        "182", "mm[Hg]", T.plusSeconds(1)),
                Reading.of(VitalSign.DIASTOLIC_BLOOD_PRESSURE, "95", "mm[Hg]", T
                        .plusSeconds(1)),
                Reading.of(VitalSign.BODY_TEMPERATURE, "36.60", "Cel", T
                        .plusSeconds(2)),
                Reading.of(VitalSign.BODY_TEMPERATURE, "101.3",
                        "[degF]", T.plusSeconds(3)),
                Reading.of(
                        VitalSign.RESPIRATORY_RATE, "18", "/min", T
                                .plusSeconds(4)),
                Reading.of(
                        VitalSign.GLUCOSE_MASS, "104", "mg/dL",
                        T.plusSeconds(5)),
                Reading.of(
                        VitalSign.GLUCOSE_MOLES, "3.90",
                        "mmol/L", T.plusSeconds(6)),
                Reading.of(VitalSign.STEPS, "10450", "{steps}", T.plusSeconds(7))));
        for (int i = 0; i < 200; i++) {
            readings.add(Reading.of(VitalSign.HEART_RATE, Integer.toString(40 + i % 120), "/min", T.plusSeconds(10
                    + i).plusNanos(i * 1_000L)));
        }
        BatchUpload upload = key.signBatch(device.id(), 7, readings);
        Instant received = T.plusSeconds(300).plusNanos(987_000_000L);

        String streamed = new String(bundles.recordBytes(device, upload.signed(), readings, received),
                StandardCharsets.UTF_8);
        String hapi = FHIR.newJsonParser().encodeResourceToString(bundles.recordBundle(device, upload.signed(),
                readings, received));
        assertThat(streamed).isEqualTo(hapi);
        assertThat(streamed).contains("\"value\":36.60").contains("\"value\":3.90");
    }
}
