package io.salus.core.scores;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.List;

/**
 * What a score calculator returns: the score, or why there is none. A score never guesses a missing input and is
 * never computed outside the range its model was validated for.
 */
public sealed interface ScoreOutcome {

    record Scored(ScoreResult result) implements ScoreOutcome {
    }

    /** Inputs the patient's data does not give (by name); nothing is computed. */
    record Missing(ScoreModel model, List<String> inputs) implements ScoreOutcome {
        public Missing {
            inputs = List.copyOf(inputs);
        }
    }

    /** An input outside the range the model is validated for (or not plausible); nothing is computed. */
    record OutOfRange(ScoreModel model, String input, String value, String validRange) implements ScoreOutcome {
    }

    /**
     * As a {@link Result}: the score, or {@link ErrorCode#SCORE_INPUTS_MISSING} /
     * {@link ErrorCode#SCORE_INPUT_OUT_OF_RANGE} with the details.
     */
    default Result<ScoreResult> toResult() {
        return switch (this) {
            case Scored s -> Result.ok(s.result());
            case Missing m -> Result.fail(ErrorCode.SCORE_INPUTS_MISSING, m.model().name() + " needs " + String.join(
                    ", ", m.inputs()));
            case OutOfRange o -> Result.fail(ErrorCode.SCORE_INPUT_OUT_OF_RANGE, o.model().name() + ": " + o.input()
                    + " " + o.value() + " is outside " + o.validRange());
        };
    }
}
