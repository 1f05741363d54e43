package io.salus.core.device;

/**
 * What a vital-sign reading measures, whichever LOINC code and unit it came with, and the canonical UCUM unit that
 * monitoring rules and scores use. {@link #plausibleMin}..{@link #plausibleMax} (canonical unit, inclusive) bound what
 * a working sensor can report; anything outside is refused as malformed rather than alerted on.
 */
public enum Measure {
    HEART_RATE("/min", 0, 350),
    OXYGEN_SATURATION("%", 0, 100),
    SYSTOLIC_BLOOD_PRESSURE("mm[Hg]", 0, 400),
    DIASTOLIC_BLOOD_PRESSURE("mm[Hg]", 0, 300),
    BODY_TEMPERATURE("Cel", 20, 46),
    RESPIRATORY_RATE("/min", 0, 150),
    BLOOD_GLUCOSE("mg/dL", 0, 2000),
    STEPS("{steps}", 0, 1_000_000);

    private final String canonicalUnit;
    private final double plausibleMin;
    private final double plausibleMax;

    Measure(String canonicalUnit, double plausibleMin, double plausibleMax) {
        this.canonicalUnit = canonicalUnit;
        this.plausibleMin = plausibleMin;
        this.plausibleMax = plausibleMax;
    }

    public String canonicalUnit() {
        return canonicalUnit;
    }

    public double plausibleMin() {
        return plausibleMin;
    }

    public double plausibleMax() {
        return plausibleMax;
    }

    public boolean plausible(double canonicalValue) {
        return canonicalValue >= plausibleMin && canonicalValue <= plausibleMax;
    }
}
