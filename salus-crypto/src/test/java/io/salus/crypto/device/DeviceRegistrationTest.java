package io.salus.crypto.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.NewDevice;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceRegistrationTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private final Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
    private final AccountId patient = new AccountId(UUID.randomUUID());
    private final String keyHex = Ed25519DeviceKey.generate(new SecureRandom()).publicKey().hex();

    private Result<DeviceRegistration> register(String key, String kind, List<String> codes) {
        return DeviceRegistration.register(new NewDevice(patient, patient, key, kind, codes),
                new DeviceId(UUID.randomUUID()), T, verifier);
    }

    @Test
    void aValidRequest_registersTheDeviceWithItsVitalSigns() {
        DeviceRegistration reg = register(keyHex, "blood-pressure-monitor", List.of("8480-6", "8462-4", "8867-4"))
                .orElseThrow();
        assertThat(reg.kind()).isEqualTo(DeviceKind.BLOOD_PRESSURE_MONITOR);
        assertThat(reg.measures()).containsExactlyInAnyOrder(VitalSign.SYSTOLIC_BLOOD_PRESSURE,
                VitalSign.DIASTOLIC_BLOOD_PRESSURE, VitalSign.HEART_RATE);
        assertThat(reg.publicKey().hex()).isEqualTo(keyHex);
        assertThat(reg.retiredAt()).isEmpty();
    }

    @Test
    void everyProblem_isReportedWithItsLocation() {
        Failure f = register("0100000000000000000000000000000000000000000000000000000000000000", "toaster",
                List.of("8867-4", "1234-5")).failure();
        assertThat(f.code()).isEqualTo(ErrorCode.DEVICE_INVALID_REGISTRATION);
        assertThat(f.issues()).extracting(Failure.Issue::location).containsExactly("publicKey", "kind",
                "loincCodes[1]");
    }

    @Test
    void aKeyOfTheWrongLength_orNoCodes_isRefused() {
        assertThat(register("abcd", "wearable", List.of("8867-4")).failure().issues())
                .extracting(Failure.Issue::location).containsExactly("publicKey");
        assertThat(register(keyHex, "wearable", List.of()).failure().issues()).extracting(Failure.Issue::location)
                .containsExactly("loincCodes");
    }

    @Test
    void aRetiredDevice_isRetiredFromThatTimeOn() {
        DeviceRegistration reg = register(keyHex, "wearable", List.of("8867-4")).orElseThrow().retire(T
                .plusSeconds(60));
        assertThat(reg.retiredAt(T.plusSeconds(59))).isFalse();
        assertThat(reg.retiredAt(T.plusSeconds(60))).isTrue();
        assertThat(reg.retire(T.plusSeconds(600)).retiredAt()).contains(T.plusSeconds(60));
    }
}
