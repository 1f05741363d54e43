package io.salus.core.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ACC/AHA Pooled Cohort Equations: the 10-year risk of a first hard atherosclerotic cardiovascular event (non-fatal
 * myocardial infarction, coronary death, fatal or non-fatal stroke) for adults without ASCVD. Valid for ages 40-79
 * (the derivation cohorts), and computed only for total cholesterol 130-320 mg/dL, HDL 20-100 mg/dL and systolic
 * blood pressure 90-200 mm Hg, the ranges of the ACC/AHA risk estimator. The risk band is the 2018 AHA/ACC cholesterol
 * guideline's: low below 5 %, borderline 5 to below 7.5 %, intermediate 7.5 to below 20 %, high 20 % or more.
 * Stateless.
 */
public final class PooledCohortEquations {
    public static final ScoreModel MODEL = new ScoreModel("ACC/AHA Pooled Cohort Equations (10-year ASCVD risk)",
            "2013", "Goff DC Jr et al., 2013 ACC/AHA Guideline on the Assessment of Cardiovascular Risk, "
                    + "Circulation 2014;129(25 Suppl 2):S49-S73, Table A");

    private PooledCohortEquations() {
    }

    public static ScoreOutcome estimate(PceInputs in) {
        InputCheck check = new InputCheck(MODEL);
        Integer age = check.need("age", in.age(), "years");
        Sex sex = check.need("sex", in.sex(), "");
        Race race = check.need("race", in.race(), "");
        Double tc = check.need("total cholesterol", in.totalCholesterol(), "mg/dL");
        Double hdl = check.need("HDL cholesterol", in.hdlCholesterol(), "mg/dL");
        Double sbp = check.need("systolic blood pressure", in.systolic(), "mm Hg");
        Boolean treated = check.need("treated for hypertension", in.treatedHypertension(), "");
        Boolean smoker = check.need("current smoker", in.smoker(), "");
        Boolean diabetes = check.need("diabetes", in.diabetes(), "");
        check.range("age", age, 40, 79, "years");
        check.range("total cholesterol", tc, 130, 320, "mg/dL");
        check.range("HDL cholesterol", hdl, 20, 100, "mg/dL");
        check.range("systolic blood pressure", sbp, 90, 200, "mm Hg");
        if (check.refusal().isPresent()) {
            return check.refusal().get();
        }
        PceGroup group = PceGroup.of(sex, race);
        double sum = group.individualSum(age, tc, hdl, sbp, treated, smoker, diabetes);
        double percent = 100 * group.risk(sum);
        List<String> notes = new ArrayList<>();
        notes.add("equation: " + group.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; individual sum "
                + String.format(Locale.ROOT, "%.4f", sum));
        if (race == Race.OTHER) {
            notes.add("no equation exists for this race; the white equation is used, as the guideline suggests, and"
                    + " may over- or underestimate the risk");
        }
        return new ScoreOutcome.Scored(new ScoreResult(MODEL, percent, "%", String.format(Locale.ROOT, "%.1f %%",
                percent), band(percent), check.used(), notes));
    }

    static String band(double percent) {
        return percent < 5
                ? "low (< 5 %)"
                : percent < 7.5
                        ? "borderline (5 to < 7.5 %)"
                        : percent < 20 ? "intermediate (7.5 to < 20 %)" : "high (≥ 20 %)";
    }
}
