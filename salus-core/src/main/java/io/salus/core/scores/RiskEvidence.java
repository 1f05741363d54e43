package io.salus.core.scores;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a patient's own records say for the risk scores: the inputs of each score (each possibly unknown), where each
 * known input came from ({@link #basis}, keyed by the input's name as the calculators name it) and notes on how the
 * records were read (for example that conditions absent from the problem list are taken as absent).
 */
public record RiskEvidence(PceInputs pce, Cha2ds2VascInputs cha2ds2Vasc, FindriscInputs findrisc,
        Map<String, Source> basis, List<String> notes) {

    /** The record an input was read from ({@code reference} as {@code Type/id}, empty when none) and what it says. */
    public record Source(String reference, String display) {
        public Source {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(display, "display");
        }
    }

    public RiskEvidence {
        Objects.requireNonNull(pce, "pce");
        Objects.requireNonNull(cha2ds2Vasc, "cha2ds2Vasc");
        Objects.requireNonNull(findrisc, "findrisc");
        basis = Map.copyOf(basis);
        notes = List.copyOf(notes);
    }
}
