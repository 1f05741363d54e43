package io.salus.core.scores;

import java.util.List;
import java.util.Objects;

/**
 * A computed score: the model and version, the value (a percentage or points, {@code unit} says which; full
 * precision, {@code displayed} is how the model's publications round it), the risk band, every input used with its
 * value, and notes (for example which equation applied).
 */
public record ScoreResult(ScoreModel model, double value, String unit, String displayed, String band,
        List<ScoreInput> inputs, List<String> notes) {
    public ScoreResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(displayed, "displayed");
        Objects.requireNonNull(band, "band");
        inputs = List.copyOf(inputs);
        notes = List.copyOf(notes);
    }
}
