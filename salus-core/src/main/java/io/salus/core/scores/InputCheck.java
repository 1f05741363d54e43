package io.salus.core.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects a calculator's inputs in order: the present ones with their values, the names of the missing ones, and the
 * first one out of range. Not thread-safe (one per calculation).
 */
final class InputCheck {
    private final ScoreModel model;
    private final List<ScoreInput> used = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private ScoreOutcome.OutOfRange outOfRange;

    InputCheck(ScoreModel model) {
        this.model = model;
    }

    /** The value, recorded as used; or null, recorded as missing. */
    <T> T need(String name, Optional<T> value, String unit) {
        if (value.isEmpty()) {
            missing.add(name);
            return null;
        }
        used.add(new ScoreInput(name, value.get() + (unit.isEmpty() ? "" : " " + unit)));
        return value.get();
    }

    /** Records {@code name} out of range unless {@code min <= v <= max} (the first such input is reported). */
    void range(String name, Number v, double min, double max, String unit) {
        if (v != null && outOfRange == null && (v.doubleValue() < min || v.doubleValue() > max)) {
            outOfRange = new ScoreOutcome.OutOfRange(model, name, v + " " + unit, fmt(min) + "-" + fmt(max) + " "
                    + unit);
        }
    }

    /** The refusal, if any: missing inputs first (all named), then the first input out of range. */
    Optional<ScoreOutcome> refusal() {
        if (!missing.isEmpty()) {
            return Optional.of(new ScoreOutcome.Missing(model, missing));
        }
        return Optional.ofNullable(outOfRange);
    }

    List<ScoreInput> used() {
        return List.copyOf(used);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
