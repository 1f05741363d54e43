package io.salus.core.device;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Converts a reading's value into its measure's canonical unit: °F to °C, and glucose mmol/L to mg/dL with the molar
 * mass of glucose (C6H12O6, 180.156 g/mol: 1 mmol/L = 18.0156 mg/dL). Values already in the canonical unit are
 * returned as they are. Stateless.
 */
public final class UcumConversion {
    /** mg/dL per mmol/L of glucose: 180.156 g/mol × 1 mmol/L = 180.156 mg/L = 18.0156 mg/dL. */
    public static final BigDecimal GLUCOSE_MG_DL_PER_MMOL_L = new BigDecimal("18.0156");
    private static final BigDecimal THIRTY_TWO = BigDecimal.valueOf(32);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal NINE = BigDecimal.valueOf(9);

    private UcumConversion() {
    }

    /** The value in {@code measure}'s canonical unit; the unit must be one {@link VitalSign#accepts} for it. */
    public static double toCanonical(Measure measure, BigDecimal value, String unit) {
        if (unit.equals(measure.canonicalUnit())) {
            return value.doubleValue();
        }
        if (measure == Measure.BODY_TEMPERATURE && unit.equals("[degF]")) {
            return value.subtract(THIRTY_TWO).multiply(FIVE).divide(NINE, MathContext.DECIMAL64).doubleValue();
        }
        if (measure == Measure.BLOOD_GLUCOSE && unit.equals("mmol/L")) {
            return value.multiply(GLUCOSE_MG_DL_PER_MMOL_L).doubleValue();
        }
        throw new IllegalArgumentException("no conversion from " + unit + " for " + measure);
    }
}
