package io.salus.fhir.imports;

import io.salus.core.device.VitalSign;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HealthKit quantity types Salus imports, with the units Apple writes for each and what they become: a LOINC
 * code, a UCUM unit and a decimal shift (SpO2 is a fraction in HealthKit, 0.97, and a percentage in LOINC, 97).
 * Glucose goes to the mass or the molar code by its unit.
 */
record AppleHealthTypes(String type, Map<String, Target> byUnit) {
    /** What a value in one Apple unit becomes. */
    record Target(VitalSign sign, String ucum, int shift) {
    }

    private static final String HK = "HKQuantityTypeIdentifier";
    private static final List<AppleHealthTypes> ALL = List.of(
            of("HeartRate", Map.of("count/min", new Target(VitalSign.HEART_RATE, "/min", 0))),
            of("RespiratoryRate", Map.of("count/min", new Target(VitalSign.RESPIRATORY_RATE, "/min", 0))),
            of("OxygenSaturation", Map.of("%", new Target(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "%", 2))),
            of("BloodPressureSystolic", Map.of("mmHg", new Target(VitalSign.SYSTOLIC_BLOOD_PRESSURE, "mm[Hg]", 0))),
            of("BloodPressureDiastolic", Map.of("mmHg", new Target(VitalSign.DIASTOLIC_BLOOD_PRESSURE, "mm[Hg]",
                    0))),
            of("BodyTemperature", Map.of("degC", new Target(VitalSign.BODY_TEMPERATURE, "Cel", 0), "degF",
                    new Target(VitalSign.BODY_TEMPERATURE, "[degF]", 0))),
            of("BloodGlucose", Map.of("mg/dL", new Target(VitalSign.GLUCOSE_MASS, "mg/dL", 0),
                    "mmol<180.1558800000541>/L", new Target(VitalSign.GLUCOSE_MOLES, "mmol/L", 0))),
            of("StepCount", Map.of("count", new Target(VitalSign.STEPS, "{steps}", 0))));

    private static AppleHealthTypes of(String name, Map<String, Target> byUnit) {
        return new AppleHealthTypes(HK + name, byUnit);
    }

    static Optional<AppleHealthTypes> of(String type) {
        return ALL.stream().filter(t -> t.type.equals(type)).findFirst();
    }

    Optional<Target> unit(String unit) {
        return Optional.ofNullable(unit == null ? null : byUnit.get(unit));
    }

    List<String> units() {
        return byUnit.keySet().stream().sorted().toList();
    }
}
