package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The standard rule set (sources in {@code docs/health-services.md}): hypertensive crisis, hypoglycaemia level 1 and
 * 2, low SpO2 (warning and urgent), tachycardia, bradycardia, fever, and NEWS2 of 5 or more. Hysteresis margins keep
 * a value hovering around a threshold from re-alerting. Silence rules depend on how often a patient's devices report,
 * so they are made per patient with {@link #silence}.
 */
public final class StandardRules {
    private StandardRules() {
    }

    public static List<Rule> all() {
        return List.of(
                threshold("hypertensive-crisis-systolic", "Hypertensive crisis (systolic ≥ 180 mm Hg)",
                        Measure.SYSTOLIC_BLOOD_PRESSURE, Bound.AT_OR_ABOVE, 180, 10, Severity.URGENT),
                threshold("hypertensive-crisis-diastolic", "Hypertensive crisis (diastolic ≥ 120 mm Hg)",
                        Measure.DIASTOLIC_BLOOD_PRESSURE, Bound.AT_OR_ABOVE, 120, 10, Severity.URGENT),
                threshold("hypoglycaemia-level-1", "Hypoglycaemia level 1 (glucose < 70 mg/dL)",
                        Measure.BLOOD_GLUCOSE, Bound.BELOW, 70, 5, Severity.WARNING),
                threshold("hypoglycaemia-level-2", "Hypoglycaemia level 2 (glucose < 54 mg/dL)",
                        Measure.BLOOD_GLUCOSE, Bound.BELOW, 54, 5, Severity.URGENT),
                threshold("low-spo2-warning", "Low oxygen saturation (SpO2 < 92 %)", Measure.OXYGEN_SATURATION,
                        Bound.BELOW, 92, 1, Severity.WARNING),
                threshold("low-spo2", "Low oxygen saturation (SpO2 < 90 %)", Measure.OXYGEN_SATURATION,
                        Bound.BELOW, 90, 1, Severity.URGENT),
                threshold("tachycardia", "Tachycardia (pulse > 120 /min)", Measure.HEART_RATE, Bound.ABOVE, 120, 10,
                        Severity.WARNING),
                threshold("bradycardia", "Bradycardia (pulse < 40 /min)", Measure.HEART_RATE, Bound.BELOW, 40, 5,
                        Severity.URGENT),
                threshold("fever", "Fever (temperature ≥ 38.0 °C)", Measure.BODY_TEMPERATURE, Bound.AT_OR_ABOVE, 38.0,
                        0.3, Severity.WARNING),
                new News2Rule(new RuleId("news2-medium"), "NEWS2 5 or more (urgent clinical review)", 5,
                        Duration.ofHours(1), Severity.URGENT));
    }

    /** A silence rule for one measure: no reading for {@code after} raises a warning. */
    public static SilenceRule silence(Measure measure, Duration after) {
        return new SilenceRule(new RuleId("silent-" + measure.name().toLowerCase(Locale.ROOT)
                .replace('_', '-')), "No " + measure.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " reading for " + after.toMinutes() + " minutes",
                measure, after, Severity.WARNING);
    }

    private static ThresholdRule threshold(String id, String title, Measure m, Bound b, double t, double h,
            Severity s) {
        return new ThresholdRule(new RuleId(id), title, m, b, t, h, s);
    }
}
