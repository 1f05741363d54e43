package io.salus.core.job;

import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The columns a job may read, one numeric value per patient, and the deal category each needs:
 * {@code observation:<code>} (the patient's latest value of that observation code; needs {@code VITAL_SIGNS} or
 * {@code LAB_RESULTS}, and only records of the deal's categories are read), {@code condition:<code>} (1 when the
 * patient has the condition, else 0; needs {@code CONDITIONS}) and {@code age} (whole years today; needs
 * {@code DEMOGRAPHICS}). A patient without a value has NaN.
 */
public final class Columns {
    private static final String OBSERVATION = "observation:";
    private static final String CONDITION = "condition:";
    private static final String AGE = "age";

    private Columns() {
    }

    /**
     * Whether the deal's categories grant the column: {@code JOB_OUTSIDE_TERMS} naming it when they do not,
     * {@code COMPUTE_INVALID_PARAMETERS} for a name that is no column.
     */
    public static Result<String> granted(String column, List<Category> categories) {
        Set<Category> needs;
        if (column.startsWith(OBSERVATION) && column.length() > OBSERVATION.length()) {
            needs = Set.of(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        } else if (column.startsWith(CONDITION) && column.length() > CONDITION.length()) {
            needs = Set.of(Category.CONDITIONS);
        } else if (column.equals(AGE)) {
            needs = Set.of(Category.DEMOGRAPHICS);
        } else {
            return Result.fail(ErrorCode.COMPUTE_INVALID_PARAMETERS, "no column '" + column + "': columns are "
                    + "observation:<code>, condition:<code> and age");
        }
        if (categories.stream().noneMatch(needs::contains)) {
            return Result.fail(ErrorCode.JOB_OUTSIDE_TERMS, "column '" + column + "' needs one of " + needs
                    + ", which the deal's terms " + categories + " do not grant");
        }
        return Result.ok(column);
    }

    /** The value of a (granted) column for one patient, from the features of their records in the deal's terms. */
    public static double value(String column, List<Feature> features, PatientFacts facts, LocalDate today) {
        if (column.startsWith(OBSERVATION)) {
            String code = column.substring(OBSERVATION.length());
            return features.stream().filter(f -> f.kind() == FeatureKind.OBSERVATION && f.code().equals(code)
                    && f.value().isPresent())
                    .max(Comparator.comparing((Feature f) -> f.date().orElse(LocalDate.MIN)))
                    .map(f -> f.value().orElseThrow()).orElse(Double.NaN);
        }
        if (column.startsWith(CONDITION)) {
            String code = column.substring(CONDITION.length());
            return features.stream().anyMatch(f -> f.kind() == FeatureKind.CONDITION && f.code().equals(code))
                    ? 1
                    : 0;
        }
        return facts.ageAt(today).map(Integer::doubleValue).orElse(Double.NaN);
    }
}
