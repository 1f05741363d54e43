package io.salus.core.device;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts or refuses a device's batch: a pure function of the registration, the device's {@link DeviceStream}, the
 * batch and the time, with the signature checked through the {@link BatchSignatureVerifier} port. In order:
 * <ol>
 * <li>a retired device: {@link ErrorCode#DEVICE_RETIRED};</li>
 * <li>shape (device id, 1..max hashes, as many readings as hashes): {@link ErrorCode#DEVICE_BATCH_MALFORMED};</li>
 * <li>the signature with the registered key over the canonical bytes: {@link ErrorCode#DEVICE_BATCH_FORGED};</li>
 * <li>content ({@link BatchChecks}): malformed, {@link ErrorCode#DEVICE_BATCH_FROM_FUTURE} or
 * {@link ErrorCode#DEVICE_READING_UNSUPPORTED};</li>
 * <li>the sequence ({@link BatchSequencer}): accepted, duplicate (no-op), {@link ErrorCode#DEVICE_BATCH_REPLAYED}
 * or {@link ErrorCode#DEVICE_BATCH_STALE}.</li>
 * </ol>
 * Every refusal is counted in the returned stream's {@link IntakeCounters}; a refusal leaves the sequencer as it was,
 * so a forged or replayed batch can never block the genuine one. Stateless and thread-safe; callers serialise offers
 * per device (each offer consumes the stream the previous one returned).
 */
public final class DeviceIntake {

    /** The device's next stream state and what happened to the batch. */
    public record Step(DeviceStream stream, IntakeOutcome outcome) {
    }

    private final BatchSignatureVerifier verifier;
    private final IntakePolicy policy;

    public DeviceIntake(BatchSignatureVerifier verifier, IntakePolicy policy) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public IntakePolicy policy() {
        return policy;
    }

    public Step offer(DeviceRegistration reg, DeviceStream stream, BatchUpload upload, Instant now) {
        if (!stream.device().equals(reg.id())) {
            throw new IllegalArgumentException("the stream is device " + stream.device() + "'s, not " + reg.id());
        }
        if (reg.retiredAt(now)) {
            return refuse(stream.with(stream.counters().plusMalformed()), ErrorCode.DEVICE_RETIRED,
                    "device " + reg.id() + " was retired at " + reg.retiredAt().orElseThrow());
        }
        Result<BatchUpload> shape = BatchChecks.shape(reg, upload, policy);
        if (!shape.isOk()) {
            return refused(stream.with(stream.counters().plusMalformed()), shape.failure());
        }
        SignedBatch batch = upload.signed();
        byte[] signedBytes = batch.signedBytes();
        if (!verifier.verifies(reg.publicKey(), signedBytes, batch.signature())) {
            return refuse(stream.with(stream.counters().plusForged()), ErrorCode.DEVICE_BATCH_FORGED,
                    "batch " + batch.sequence() + " is not signed by device " + reg.id() + "'s key");
        }
        Result<List<Measurement>> content = BatchChecks.content(reg, upload, now, policy);
        if (!content.isOk()) {
            return refused(stream.with(stream.counters().plusMalformed()), content.failure());
        }
        BatchSequencer.Step step = stream.sequencer().offer(batch.sequence(), Hashing.sha256(signedBytes));
        return switch (step.verdict()) {
            case DUPLICATE -> new Step(stream.with(stream.counters().plusDuplicate()),
                    new IntakeOutcome.Duplicate(batch.sequence()));
            case REPLAYED -> refuse(stream.with(stream.counters().plusReplayed()), ErrorCode.DEVICE_BATCH_REPLAYED,
                    "sequence " + batch.sequence() + " was accepted with other content");
            case STALE -> refuse(stream.with(stream.counters().plusStale()), ErrorCode.DEVICE_BATCH_STALE,
                    "sequence " + batch.sequence() + " is below the window (lowest remembered "
                            + stream.sequencer().floor() + ")");
            case ACCEPTED -> accepted(stream, step, upload, content.orElseThrow());
        };
    }

    private static Step accepted(DeviceStream stream, BatchSequencer.Step step, BatchUpload upload,
            List<Measurement> measurements) {
        Instant newest = upload.readings().stream().map(Reading::at).max(Instant::compareTo).orElseThrow();
        Optional<Instant> newestReading = Optional.of(stream.newestReading().filter(t -> t.isAfter(newest))
                .orElse(newest));
        DeviceStream next = stream.with(step.next(), stream.counters().plusAccepted(), newestReading);
        return new Step(next, new IntakeOutcome.Accepted(upload.signed().sequence(), step.inOrder(),
                upload.readings(), measurements, step.next().missing(), step.lostNow()));
    }

    private static Step refuse(DeviceStream stream, ErrorCode code, String detail) {
        return refused(stream, Failure.of(code, detail));
    }

    private static Step refused(DeviceStream stream, Failure failure) {
        return new Step(stream, new IntakeOutcome.Refused(failure));
    }
}
