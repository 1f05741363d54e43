package io.salus.crypto.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceIntake;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakeCounters;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.device.IntakePolicy;
import io.salus.core.device.Measure;
import io.salus.core.device.Reading;
import io.salus.core.device.SequenceRange;
import io.salus.core.device.SignedBatch;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Batch intake with real Ed25519 signatures: the attacks it stops and the deliveries it tolerates. */
class DeviceIntakeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private final DeviceIntake intake = new DeviceIntake(new Ed25519BatchSignatureVerifier(),
            new IntakePolicy(16, 1000, Duration.ofMinutes(5)));
    private final Ed25519DeviceKey deviceKey = Ed25519DeviceKey.generate(new SecureRandom());
    private final Ed25519DeviceKey attackerKey = Ed25519DeviceKey.generate(new SecureRandom());
    private final DeviceId id = new DeviceId(UUID.randomUUID());
    private final DeviceRegistration reg = new DeviceRegistration(id, new AccountId(UUID.randomUUID()),
            new AccountId(UUID.randomUUID()), deviceKey.publicKey(), DeviceKind.PULSE_OXIMETER,
            EnumSet.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, VitalSign.HEART_RATE), T0, Optional.empty());
    private DeviceStream stream = DeviceStream.start(id, intake.policy());

    private static List<Reading> readings(long seq) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plusSeconds(seq * 60 + i * 10);
            out.add(Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, String.valueOf(95 + i), "%", at));
        }
        return out;
    }

    private BatchUpload signed(long seq) {
        return deviceKey.signBatch(id, seq, readings(seq));
    }

    private IntakeOutcome offer(BatchUpload upload) {
        DeviceIntake.Step step = intake.offer(reg, stream, upload, T0.plus(Duration.ofHours(2)));
        stream = step.stream();
        return step.outcome();
    }

    private static void assertRefused(IntakeOutcome o, ErrorCode code) {
        assertThat(o).isInstanceOfSatisfying(IntakeOutcome.Refused.class, r -> assertThat(r.failure().code())
                .isEqualTo(code));
    }

    @Nested
    class Attacks {
        @Test
        void forgedBatch_isRefusedCountedAndDoesNotBlockTheGenuineOne() {
            assertRefused(offer(attackerKey.signBatch(id, 1, readings(1))), ErrorCode.DEVICE_BATCH_FORGED);
            assertThat(stream.counters().forged()).isEqualTo(1);
            assertThat(stream.sequencer().highest()).isZero();

            assertThat(offer(signed(1))).isInstanceOf(IntakeOutcome.Accepted.class);
        }

        @Test
        void replayedSequenceWithOtherContent_isRefusedAndCounted() {
            offer(signed(1));
            List<Reading> other = List.of(Reading.of(VitalSign.HEART_RATE, "180", "/min", T0.plusSeconds(61)));
            assertRefused(offer(deviceKey.signBatch(id, 1, other)), ErrorCode.DEVICE_BATCH_REPLAYED);
            assertThat(stream.counters().replayed()).isEqualTo(1);
            assertThat(stream.counters().accepted()).isEqualTo(1);
        }

        @Test
        void readingSwappedAfterSigning_isRefused() {
            BatchUpload genuine = signed(1);
            List<Reading> swapped = new ArrayList<>(genuine.readings());
            swapped.set(1, Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "80", "%", swapped.get(1).at()));
            assertRefused(offer(new BatchUpload(genuine.signed(), swapped)), ErrorCode.DEVICE_BATCH_MALFORMED);
            assertThat(stream.counters().malformed()).isEqualTo(1);
        }

        @Test
        void signedHashesWithoutTheirReadings_areRefused() {
            BatchUpload genuine = signed(1);
            assertRefused(offer(new BatchUpload(genuine.signed(), genuine.readings().subList(0, 2))),
                    ErrorCode.DEVICE_BATCH_MALFORMED);
        }

        @Test
        void aBatchSignedForAnotherDevice_isRefused() {
            BatchUpload elsewhere = deviceKey.signBatch(new DeviceId(UUID.randomUUID()), 1, readings(1));
            assertRefused(offer(elsewhere), ErrorCode.DEVICE_BATCH_MALFORMED);
        }

        @Test
        void aCodeTheDeviceIsNotRegisteredFor_isRefused() {
            List<Reading> glucose = List.of(Reading.of(VitalSign.GLUCOSE_MASS, "40", "mg/dL", T0));
            assertRefused(offer(deviceKey.signBatch(id, 1, glucose)), ErrorCode.DEVICE_READING_UNSUPPORTED);
        }

        @Test
        void aBatchFromTheFuture_isRefused() {
            Instant later = T0.plus(Duration.ofHours(3));
            List<Reading> future = List.of(Reading.of(VitalSign.HEART_RATE, "70", "/min", later));
            assertRefused(offer(deviceKey.signBatch(id, 1, future)), ErrorCode.DEVICE_BATCH_FROM_FUTURE);
        }

        @Test
        void aReadingOutsideTheSignedRange_isRefused() {
            List<Reading> r = readings(1);
            BatchUpload narrow = deviceKey.signBatch(id, 1, r.get(0).at(), r.get(1).at(), r);
            assertRefused(offer(narrow), ErrorCode.DEVICE_BATCH_MALFORMED);
        }

        @Test
        void aRetiredDevicesBatch_isRefusedEvenWhenProperlySigned() {
            DeviceRegistration retired = reg.retire(T0.plus(Duration.ofHours(1)));
            IntakeOutcome o = intake.offer(retired, stream, signed(1), T0.plus(Duration.ofHours(2))).outcome();
            assertRefused(o, ErrorCode.DEVICE_RETIRED);
        }
    }

    @Nested
    class Deliveries {
        @Test
        void inOrderBatches_areAcceptedWithTheirMeasurements() {
            IntakeOutcome o = offer(signed(1));
            assertThat(o).isInstanceOfSatisfying(IntakeOutcome.Accepted.class, a -> {
                assertThat(a.inOrder()).isTrue();
                assertThat(a.readings()).hasSize(3);
                assertThat(a.measurements()).allSatisfy(m -> assertThat(m.measure())
                        .isEqualTo(Measure.OXYGEN_SATURATION));
                assertThat(a.missing()).isEmpty();
            });
            assertThat(stream.newestReading()).contains(T0.plusSeconds(80));
        }

        @Test
        void aRedelivery_isADuplicateNoOp() {
            offer(signed(1));
            DeviceStream before = stream;
            assertThat(offer(signed(1))).isEqualTo(new IntakeOutcome.Duplicate(1));
            assertThat(stream.sequencer()).isEqualTo(before.sequencer());
            assertThat(stream.counters()).isEqualTo(new IntakeCounters(1, 1, 0, 0, 0, 0));
        }

        @Test
        void anOutOfOrderBatch_isAcceptedTheGapIsVisibleAndALateOneFillsIt() {
            offer(signed(1));
            IntakeOutcome ahead = offer(signed(4));
            assertThat(ahead).isInstanceOfSatisfying(IntakeOutcome.Accepted.class, a -> {
                assertThat(a.inOrder()).isFalse();
                assertThat(a.missing()).containsExactly(new SequenceRange(2, 3));
            });
            offer(signed(3));
            assertThat(stream.missing()).containsExactly(new SequenceRange(2, 2));
            offer(signed(2));
            assertThat(stream.missing()).isEmpty();
            assertThat(stream.counters().accepted()).isEqualTo(4);
        }

        @Test
        void aBatchBelowTheWindow_isStaleAndCounted() {
            offer(signed(1));
            offer(signed(30)); // window 16: 2..14 fall out
            assertThat(stream.sequencer().lost()).isEqualTo(13);
            assertRefused(offer(signed(5)), ErrorCode.DEVICE_BATCH_STALE);
            assertThat(stream.counters().stale()).isEqualTo(1);
        }
    }

    @Test
    void aTamperedSignatureByteInTransit_isCountedForged() {
        SignedBatch s = signed(1).signed();
        byte[] sig = s.signature().bytes();
        sig[10] ^= 0x40;
        BatchUpload tampered = new BatchUpload(new SignedBatch(s.device(), s.sequence(), s.from(), s.to(),
                s.readingHashes(), io.salus.core.device.Ed25519Signature.of(sig)), readings(1));
        assertRefused(offer(tampered), ErrorCode.DEVICE_BATCH_FORGED);
        assertThat(stream.counters().refused()).isEqualTo(1);
    }
}
