package io.salus.core.usecase.scores;

import io.salus.core.scores.ScoreModel;
import io.salus.core.scores.ScoreOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored computation of one score, as the patient's history shows it: the model's code ({@code pce},
 * {@code cha2ds2-vasc}, {@code findrisc}), when, whether it was computed ({@code scored}) or not ({@code missing},
 * {@code out-of-range}), the value and its unit (% or points), how it is displayed, the band, and for a score not
 * computed the reason (the missing inputs by name, or the input out of range).
 */
public record ScorePoint(UUID id, String model, Instant at, String status, Optional<Double> value, String unit,
        String displayed, String band, String reason) {
    public ScorePoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(displayed, "displayed");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(reason, "reason");
    }

    /** The point of an outcome; {@code code} is the model's code. */
    static ScorePoint of(UUID id, String code, Instant at, ScoreOutcome outcome) {
        return switch (outcome) {
            case ScoreOutcome.Scored s -> new ScorePoint(id, code, at, "scored", Optional.of(s.result().value()), s
                    .result().unit(), s.result().displayed(), s.result().band(), "");
            case ScoreOutcome.Missing m -> new ScorePoint(id, code, at, "missing", Optional.empty(), "", "", "",
                    "not computed: needs " + String.join(", ", m.inputs()));
            case ScoreOutcome.OutOfRange o -> new ScorePoint(id, code, at, "out-of-range", Optional.empty(), "", "",
                    "", "not computed: " + o.input() + " " + o.value() + " is outside " + o.validRange());
        };
    }

    /** The model's code for a model. */
    static String code(ScoreModel model) {
        return RiskAssessments.CODES.getOrDefault(model.name(), model.name());
    }
}
