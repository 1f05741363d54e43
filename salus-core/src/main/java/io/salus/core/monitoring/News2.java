package io.salus.core.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The National Early Warning Score 2 (Royal College of Physicians, 2017), chart 1, with SpO2 on scale 1 only (scale 2,
 * for patients with hypercapnic respiratory failure and a prescribed 88-92 % target, is not supported: a clinician
 * sets that scale, a device cannot). Rates, SpO2 and blood pressure are rounded half-up to whole numbers and the
 * temperature to one decimal, as the chart is read. Missing inputs make the score partial (see {@link News2Score}).
 * Stateless.
 */
public final class News2 {
    private News2() {
    }

    public static News2Score score(News2Inputs in) {
        Map<News2Parameter, Integer> sub = new EnumMap<>(News2Parameter.class);
        Set<News2Parameter> missing = EnumSet.noneOf(News2Parameter.class);
        add(sub, missing, News2Parameter.RESPIRATION_RATE, in.respirationRate(), v -> respiration(whole(v)));
        add(sub, missing, News2Parameter.OXYGEN_SATURATION, in.oxygenSaturation(), v -> saturation(whole(v)));
        add(sub, missing, News2Parameter.AIR_OR_OXYGEN, in.onOxygen(), o -> o ? 2 : 0);
        add(sub, missing, News2Parameter.SYSTOLIC_BLOOD_PRESSURE, in.systolic(), v -> systolic(whole(v)));
        add(sub, missing, News2Parameter.PULSE, in.pulse(), v -> pulse(whole(v)));
        add(sub, missing, News2Parameter.CONSCIOUSNESS, in.consciousness(), c -> c == Consciousness.ALERT ? 0 : 3);
        add(sub, missing, News2Parameter.TEMPERATURE, in.temperature(), v -> temperature(tenths(v)));
        int total = sub.values().stream().mapToInt(Integer::intValue).sum();
        boolean red = sub.containsValue(3);
        News2Score.Risk risk = total >= 7
                ? News2Score.Risk.HIGH
                : total >= 5 ? News2Score.Risk.MEDIUM : red ? News2Score.Risk.LOW_MEDIUM : News2Score.Risk.LOW;
        return new News2Score(total, sub, missing, risk, red);
    }

    private static <T> void add(Map<News2Parameter, Integer> sub, Set<News2Parameter> missing, News2Parameter p,
            Optional<T> value, ToIntFunction<T> points) {
        if (value.isPresent()) {
            sub.put(p, points.applyAsInt(value.get()));
        } else {
            missing.add(p);
        }
    }

    static int respiration(long rr) {
        return rr <= 8 ? 3 : rr <= 11 ? 1 : rr <= 20 ? 0 : rr <= 24 ? 2 : 3;
    }

    static int saturation(long spo2) {
        return spo2 <= 91 ? 3 : spo2 <= 93 ? 2 : spo2 <= 95 ? 1 : 0;
    }

    static int systolic(long sbp) {
        return sbp <= 90 ? 3 : sbp <= 100 ? 2 : sbp <= 110 ? 1 : sbp <= 219 ? 0 : 3;
    }

    static int pulse(long hr) {
        return hr <= 40 ? 3 : hr <= 50 ? 1 : hr <= 90 ? 0 : hr <= 110 ? 1 : hr <= 130 ? 2 : 3;
    }

    /** Temperature in tenths of a degree Celsius. */
    static int temperature(long tenths) {
        return tenths <= 350 ? 3 : tenths <= 360 ? 1 : tenths <= 380 ? 0 : tenths <= 390 ? 1 : 2;
    }

    private static long whole(double v) {
        return BigDecimal.valueOf(v).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long tenths(double v) {
        return BigDecimal.valueOf(v).movePointRight(1).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
