package io.salus.core.device;

import io.salus.core.merkle.Hash32;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One value a device measured: a LOINC code, a decimal value as the device reported it (its scale is kept: 36.60 and
 * 36.6 are different readings), a UCUM unit and the time of measurement. A negative scale is normalised to 0, so the
 * value's plain text ({@link BigDecimal#toPlainString}) never has an exponent. Whether the code and unit are
 * acceptable is decided at intake ({@link BatchChecks}), not here.
 */
public record Reading(String loinc, BigDecimal value, String unit, Instant at) {

    public Reading {
        Objects.requireNonNull(loinc, "loinc");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(at, "at");
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    public static Reading of(VitalSign sign, String value, String unit, Instant at) {
        return new Reading(sign.loinc(), new BigDecimal(value), unit, at);
    }

    /** SHA-256 of the reading's canonical encoding ({@link BatchEncoding#reading}): what a batch lists and signs. */
    public Hash32 hash() {
        return BatchEncoding.readingHash(this);
    }
}
