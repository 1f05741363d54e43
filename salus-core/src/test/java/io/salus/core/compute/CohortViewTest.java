package io.salus.core.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortViewTest {
    private final Map<String, double[]> cohort = Map.of("age", new double[]{40, 50, 60}, "hba1c",
            new double[]{6, 7, 8}, "hiv", new double[]{1, 0, 0}, "bmi", new double[]{25, 30});

    @Test
    void aView_holdsOnlyTheGrantedColumns_inTheGrantedOrder() {
        CohortView view = CohortView.granted(cohort, List.of("hba1c", "age")).orElseThrow();

        assertThat(view.names()).containsExactly("hba1c", "age");
        assertThat(view.rows()).isEqualTo(3);
        assertThat(view.columns()).isEqualTo(2);
        assertThat(view.value(2, 0)).isEqualTo(8);
        assertThat(view.holds(0, 2)).isFalse();
        assertThat(view.holds(3, 0)).isFalse();
        assertThat(view.holds(-1, 0)).isFalse();
    }

    @Test
    void aViewGrantingAnUnknownOrRepeatedOrRaggedColumn_isRefused() {
        assertThat(CohortView.granted(cohort, List.of("weight")).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_INVALID_VIEW);
        assertThat(CohortView.granted(cohort, List.of("age", "age")).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_INVALID_VIEW);
        assertThat(CohortView.granted(cohort, List.of("age", "bmi")).failure().code())
                .isEqualTo(ErrorCode.SANDBOX_INVALID_VIEW);
    }

    @Test
    void aViewCopiesItsColumns() {
        double[] age = {40, 50};
        CohortView view = CohortView.granted(Map.of("age", age), List.of("age")).orElseThrow();
        age[0] = 99;

        assertThat(view.value(0, 0)).isEqualTo(40);
    }
}
