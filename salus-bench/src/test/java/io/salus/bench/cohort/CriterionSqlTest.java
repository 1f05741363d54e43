package io.salus.bench.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.cohort.CriteriaParser;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.PatientFacts;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CriterionSqlTest {
    private static final LocalDate[] DATES = {LocalDate.of(2025, 1, 1), LocalDate.of(2024, 2, 29),
            LocalDate.of(2025, 2, 28), LocalDate.of(2025, 3, 1), LocalDate.of(2023, 12, 31)};

    @Test
    void ageBounds_selectExactlyTheBirthDatesWhoseAgeIsInRange() {
        for (LocalDate at : DATES) {
            for (int[] range : new int[][]{{0, 0}, {0, 150}, {18, 64}, {40, 75}, {1, 1}, {65, 150}}) {
                Criterion.AgeRange age = new Criterion.AgeRange(range[0], range[1]);
                CriterionSql.Query q = CriterionSql.count(age, at);
                LocalDate lo = (LocalDate) q.params().get(0);
                LocalDate hi = (LocalDate) q.params().get(1);
                for (LocalDate b = at.minusYears(range[1] + 2L); !b.isAfter(at.plusDays(3)); b = b.plusDays(1)) {
                    boolean expected = new PatientFacts(Optional.of(b), Optional.empty()).ageAt(at)
                            .map(a -> a >= age.min() && a <= age.max()).orElse(false);
                    boolean inSql = !b.isBefore(lo) && !b.isAfter(hi);
                    assertThat(inSql).as("born %s, %s at %s", b, age, at).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aBareFeatureIsCountedDistinct_andSetOperationsAreCountedAsRows() {
        CriteriaParser p = new CriteriaParser();
        String feature = "{\"condition\":{\"system\":\"snomed\",\"code\":\"1\"}}";
        assertThat(CriterionSql.count(p.parse(feature).orElseThrow(), DATES[0]).sql())
                .startsWith("SELECT count(DISTINCT patient)");
        assertThat(CriterionSql.count(p.parse("{\"all\":[" + feature + "]}").orElseThrow(), DATES[0]).sql())
                .startsWith("SELECT count(DISTINCT patient)");
        assertThat(CriterionSql.count(p.parse("{\"all\":[" + feature + ",{\"sex\":\"male\"}]}").orElseThrow(),
                DATES[0]).sql()).startsWith("SELECT count(*)").contains(" INTERSECT ");
        assertThat(CriterionSql.count(p.parse("{\"not\":" + feature + "}").orElseThrow(), DATES[0]).sql())
                .startsWith("SELECT count(*)").contains(" EXCEPT ");
    }

    @Test
    void everyStandardQueryTranslates_withOneParameterPerPlaceholder() {
        for (CohortQuery q : CohortQuery.standard()) {
            CriterionSql.Query sql = CriterionSql.count(q.criterion(), DATES[0]);
            assertThat(sql.sql().chars().filter(c -> c == '?').count()).as(q.name()).isEqualTo(sql.params().size());
            assertThat(sql.sql().chars().filter(c -> c == '(').count()).as(q.name())
                    .isEqualTo(sql.sql().chars().filter(c -> c == ')').count());
        }
    }
}
