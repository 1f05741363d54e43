package io.salus.core.device;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.Objects;

/**
 * A reading as monitoring and scores use it: what it measures, its value in the measure's canonical unit
 * ({@link Measure#canonicalUnit}), when, and the vital sign (LOINC code) it was reported as.
 */
public record Measurement(Measure measure, double value, Instant at, VitalSign source) {

    public Measurement {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        if (source.measure() != measure || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a measurement's source measures it and its value is finite");
        }
    }

    /** A measurement in the canonical unit of what {@code sign} measures. */
    public static Measurement of(VitalSign sign, double canonicalValue, Instant at) {
        return new Measurement(sign.measure(), canonicalValue, at, sign);
    }

    /**
     * Maps a reading to its vital sign and canonical value: the code must be a {@link VitalSign}, the unit one it
     * accepts ({@link ErrorCode#DEVICE_READING_UNSUPPORTED} otherwise) and the converted value plausible for the
     * measure ({@link ErrorCode#DEVICE_BATCH_MALFORMED} otherwise).
     */
    public static Result<Measurement> of(Reading r) {
        VitalSign sign = VitalSign.byLoinc(r.loinc()).orElse(null);
        if (sign == null) {
            return Result.fail(ErrorCode.DEVICE_READING_UNSUPPORTED, "not a supported vital-sign code: " + r.loinc());
        }
        if (!sign.accepts(r.unit())) {
            return Result.fail(ErrorCode.DEVICE_READING_UNSUPPORTED, sign.loinc() + " (" + sign.display()
                    + ") is reported in " + sign.units() + ", not " + r.unit());
        }
        double value = UcumConversion.toCanonical(sign.measure(), r.value(), r.unit());
        if (!sign.measure().plausible(value)) {
            return Result.fail(ErrorCode.DEVICE_BATCH_MALFORMED, r.value().toPlainString() + " " + r.unit()
                    + " is not a plausible " + sign.display());
        }
        return Result.ok(of(sign, value, r.at()));
    }
}
