package io.salus.core.scores;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of CHA2DS2-VASc, each possibly unknown: age (years), sex, and whether the patient has (had) congestive
 * heart failure, hypertension, diabetes, a stroke, TIA or thromboembolism, and vascular disease (prior myocardial
 * infarction, peripheral artery disease or aortic plaque).
 */
public record Cha2ds2VascInputs(Optional<Integer> age, Optional<Sex> sex, Optional<Boolean> heartFailure,
        Optional<Boolean> hypertension, Optional<Boolean> diabetes, Optional<Boolean> strokeTiaOrThromboembolism,
        Optional<Boolean> vascularDisease) {

    public static final Cha2ds2VascInputs NONE = new Cha2ds2VascInputs(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Cha2ds2VascInputs {
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(heartFailure, "heartFailure");
        Objects.requireNonNull(hypertension, "hypertension");
        Objects.requireNonNull(diabetes, "diabetes");
        Objects.requireNonNull(strokeTiaOrThromboembolism, "strokeTiaOrThromboembolism");
        Objects.requireNonNull(vascularDisease, "vascularDisease");
    }

    /** All criteria known: the given age and sex, each condition as given. */
    public static Cha2ds2VascInputs of(int age, Sex sex, boolean heartFailure, boolean hypertension,
            boolean diabetes, boolean strokeTiaOrThromboembolism, boolean vascularDisease) {
        return new Cha2ds2VascInputs(Optional.of(age), Optional.of(sex), Optional.of(heartFailure),
                Optional.of(hypertension), Optional.of(diabetes), Optional.of(strokeTiaOrThromboembolism),
                Optional.of(vascularDisease));
    }
}
