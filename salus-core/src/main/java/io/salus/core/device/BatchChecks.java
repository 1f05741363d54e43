package io.salus.core.device;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a batch's content against its registration, after its signature verified: the sequence is in range,
 * the time range is ordered and not in the future (beyond the skew), every reading lies in it, is of a code the
 * device is registered for with a unit that fits the code and a plausible value, and hashes to the listed hash at its
 * position. Stateless.
 */
final class BatchChecks {
    private BatchChecks() {
    }

    /** Cheap shape checks, done before the signature is verified. */
    static Result<BatchUpload> shape(DeviceRegistration reg, BatchUpload upload, IntakePolicy policy) {
        SignedBatch b = upload.signed();
        if (!b.device().equals(reg.id())) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "the batch names device " + b.device()
                    + ", not " + reg.id());
        }
        int n = b.readingHashes().size();
        if (n < 1 || n > policy.maxReadings()) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "a batch lists 1 to " + policy.maxReadings()
                    + " reading hashes, not " + n);
        }
        if (upload.readings().size() != n) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "the batch lists " + n + " hashes but carries "
                    + upload.readings().size() + " readings");
        }
        return Result.ok(upload);
    }

    /** The content checks; the measurements of the readings, in batch order, if all pass. */
    static Result<List<Measurement>> content(DeviceRegistration reg, BatchUpload upload, Instant now,
            IntakePolicy policy) {
        SignedBatch b = upload.signed();
        if (b.sequence() < 1 || b.sequence() > IntakePolicy.MAX_SEQUENCE) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "sequence numbers run from 1 to "
                    + IntakePolicy.MAX_SEQUENCE + ", not " + b.sequence());
        }
        if (b.to().isBefore(b.from())) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "the batch's range ends before it starts");
        }
        if (b.to().isAfter(now.plus(policy.maxClockSkew()))) {
            return Result.fail(ErrorCode.DEVICE_BATCH_FROM_FUTURE, "the batch ends at " + b.to()
                    + ", after the node's clock " + now + " plus " + policy.maxClockSkew());
        }
        List<Measurement> out = new ArrayList<>(upload.readings().size());
        for (int i = 0; i < upload.readings().size(); i++) {
            Reading r = upload.readings().get(i);
            Result<Measurement> m = reading(reg, b, r, i);
            if (!m.isOk()) {
                return Result.fail(m.failure());
            }
            out.add(m.orElseThrow());
        }
        return Result.ok(List.copyOf(out));
    }

    private static Result<Measurement> reading(DeviceRegistration reg, SignedBatch b, Reading r, int i) {
        if (r.at().isBefore(b.from()) || r.at().isAfter(b.to())) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "reading " + i + " at " + r.at()
                    + " lies outside the batch's range");
        }
        if (!r.hash().equals(b.readingHashes().get(i))) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, "reading " + i + " does not match its signed hash");
        }
        boolean registered = VitalSign.byLoinc(r.loinc()).map(reg::reports).orElse(false);
        if (!registered) {
            return Result.fail(ErrorCode.DEVICE_READING_UNSUPPORTED, "reading " + i + " is " + r.loinc()
                    + ", which the device is not registered to report");
        }
        return Measurement.of(r);
    }
}
