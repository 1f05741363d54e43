package io.salus.core.device;

import java.util.List;
import java.util.Optional;

/**
 * The LOINC codes a device may report, with the UCUM units each accepts (the first is the code's own unit) and the
 * FHIR Observation category the reading belongs to ({@code vital-signs}, or {@code laboratory} for blood glucose, as in
 * the FHIR R4 vital-signs profile, which does not list glucose). Two codes may measure the same {@link Measure}: SpO2
 * by pulse oximetry (59408-5) or arterial (2708-6); glucose by mass (2339-0, mg/dL) or by moles (15074-8, mmol/L).
 * Steps (55423-8, {@code activity}, from phone imports) are a count over the sample's interval, not a vital sign; no
 * standard monitoring rule uses them.
 */
public enum VitalSign {
    HEART_RATE("8867-4", "Heart rate", Measure.HEART_RATE, "vital-signs", List.of("/min")),
    OXYGEN_SATURATION_PULSE_OXIMETRY("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry",
            Measure.OXYGEN_SATURATION, "vital-signs", List.of("%")),
    OXYGEN_SATURATION_ARTERIAL("2708-6", "Oxygen saturation in Arterial blood", Measure.OXYGEN_SATURATION,
            "vital-signs", List.of("%")),
    SYSTOLIC_BLOOD_PRESSURE("8480-6", "Systolic blood pressure", Measure.SYSTOLIC_BLOOD_PRESSURE, "vital-signs",
            List.of("mm[Hg]")),
    DIASTOLIC_BLOOD_PRESSURE("8462-4", "Diastolic blood pressure", Measure.DIASTOLIC_BLOOD_PRESSURE, "vital-signs",
            List.of("mm[Hg]")),
    BODY_TEMPERATURE("8310-5", "Body temperature", Measure.BODY_TEMPERATURE, "vital-signs",
            List.of("Cel", "[degF]")),
    RESPIRATORY_RATE("9279-1", "Respiratory rate", Measure.RESPIRATORY_RATE, "vital-signs", List.of("/min")),
    GLUCOSE_MASS("2339-0", "Glucose [Mass/volume] in Blood", Measure.BLOOD_GLUCOSE, "laboratory",
            List.of("mg/dL")),
    GLUCOSE_MOLES("15074-8", "Glucose [Moles/volume] in Blood", Measure.BLOOD_GLUCOSE, "laboratory",
            List.of("mmol/L")),
    STEPS("55423-8", "Number of steps in unspecified time Pedometer", Measure.STEPS, "activity",
            List.of("{steps}"));

    public static final String LOINC_SYSTEM = "http://loinc.org";
    public static final String UCUM_SYSTEM = "http://unitsofmeasure.org";

    private final String loinc;
    private final String display;
    private final Measure measure;
    private final String category;
    private final List<String> units;

    VitalSign(String loinc, String display, Measure measure, String category, List<String> units) {
        this.loinc = loinc;
        this.display = display;
        this.measure = measure;
        this.category = category;
        this.units = units;
    }

    public String loinc() {
        return loinc;
    }

    public String display() {
        return display;
    }

    public Measure measure() {
        return measure;
    }

    /** The FHIR observation-category code ({@code vital-signs} or {@code laboratory}). */
    public String category() {
        return category;
    }

    /** The UCUM units a reading of this code may carry; the first is the code's own. */
    public List<String> units() {
        return units;
    }

    public boolean accepts(String ucumUnit) {
        return units.contains(ucumUnit);
    }

    public static Optional<VitalSign> byLoinc(String code) {
        for (VitalSign v : values()) {
            if (v.loinc.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
