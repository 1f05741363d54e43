package io.salus.core.scores;

import java.util.List;
import java.util.Locale;

/**
 * CHA2DS2-VASc, the stroke risk score for atrial fibrillation (Lip et al., Chest 2010): congestive heart failure 1,
 * hypertension 1, age ≥ 75 2, diabetes 1, stroke/TIA/thromboembolism 2, vascular disease 1, age 65-74 1, female sex 1
 * (0-9 points). The band is the adjusted stroke rate per year of the 2010 ESC atrial fibrillation guideline's table
 * (Camm et al., Eur Heart J 2010;31:2369-2429, Table 8b, from Lip et al. 2010). It is meant for adults with
 * non-valvular atrial fibrillation; computed for ages 18-120. Stateless.
 */
public final class Cha2ds2Vasc {
    public static final ScoreModel MODEL = new ScoreModel("CHA2DS2-VASc (stroke risk in atrial fibrillation)",
            "2010", "Lip GYH et al., Chest 2010;137:263-272; stroke rates: Camm AJ et al., 2010 ESC AF guideline, "
                    + "Eur Heart J 2010;31:2369-2429");

    /** Adjusted stroke rate (% per year) by score 0-9. */
    static final List<Double> STROKE_RATE = List.of(0.0, 1.3, 2.2, 3.2, 4.0, 6.7, 9.8, 9.6, 6.7, 15.2);

    private Cha2ds2Vasc() {
    }

    public static ScoreOutcome score(Cha2ds2VascInputs in) {
        InputCheck check = new InputCheck(MODEL);
        Integer age = check.need("age", in.age(), "years");
        Sex sex = check.need("sex", in.sex(), "");
        Boolean chf = check.need("congestive heart failure", in.heartFailure(), "");
        Boolean htn = check.need("hypertension", in.hypertension(), "");
        Boolean dm = check.need("diabetes", in.diabetes(), "");
        Boolean stroke = check.need("stroke, TIA or thromboembolism", in.strokeTiaOrThromboembolism(), "");
        Boolean vascular = check.need("vascular disease", in.vascularDisease(), "");
        check.range("age", age, 18, 120, "years");
        if (check.refusal().isPresent()) {
            return check.refusal().get();
        }
        int points = (chf ? 1 : 0) + (htn ? 1 : 0) + (age >= 75 ? 2 : age >= 65 ? 1 : 0) + (dm ? 1 : 0)
                + (stroke ? 2 : 0) + (vascular ? 1 : 0) + (sex == Sex.FEMALE ? 1 : 0);
        double rate = STROKE_RATE.get(points);
        return new ScoreOutcome.Scored(new ScoreResult(MODEL, points, "points", points + " points",
                String.format(Locale.ROOT, "adjusted stroke rate %.1f %% per year", rate), check.used(),
                List.of("for adults with non-valvular atrial fibrillation")));
    }

    /** The adjusted stroke rate (% per year) for a score of 0-9. */
    public static double strokeRate(int points) {
        return STROKE_RATE.get(points);
    }
}
