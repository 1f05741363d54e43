package io.salus.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobPlanTest {
    static final List<Category> VITALS = List.of(Category.VITAL_SIGNS);

    static ErrorCode refusal(JobSpec spec) {
        Result<JobPlan> r = JobPlan.of(spec, VITALS, JobLimits.DEFAULT);
        assertThat(r.isOk()).as("refused").isFalse();
        return r.failure().code();
    }

    static JobSpec spec(String algorithm, List<String> columns, Map<String, String> parameters) {
        return new JobSpec(algorithm, columns, parameters, "1", Optional.empty());
    }

    @Test
    void aColumnTheDealsCategoriesDoNotGrant_isOutsideTheTerms() {
        assertThat(refusal(spec("mean", List.of("condition:44054006"), Map.of("low", "0", "high", "1", "step",
                "1")))).isEqualTo(ErrorCode.JOB_OUTSIDE_TERMS);
        assertThat(refusal(spec("mean", List.of("age"), Map.of("low", "0", "high", "1", "step", "1"))))
                .isEqualTo(ErrorCode.JOB_OUTSIDE_TERMS);
    }

    @Test
    void anAlgorithmOutsideTheAllowList_isRefused() {
        assertThat(refusal(spec("sql", List.of("observation:8867-4"), Map.of())))
                .isEqualTo(ErrorCode.JOB_UNKNOWN_ALGORITHM);
    }

    @Test
    void badParameters_areRefused_andGoodOnesPlanned() {
        assertThat(refusal(spec("mean", List.of("observation:1"), Map.of("low", "5", "high", "1", "step", "1"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("rates", List.of("observation:1", "observation:2"), Map.of("cuts", "5,1"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(new JobSpec("wasm", List.of("observation:1"), Map.of("outputs", "1", "low", "0", "high",
                "1", "deadlineMs", "3600000"), "1", Optional.of(new byte[8])))).isEqualTo(
                        ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(new JobSpec("mean", List.of("observation:1"), Map.of("low", "0", "high", "1", "step",
                "1"), "-1", Optional.empty()))).isNotNull();
        assertThat(JobPlan.of(spec("rates", List.of("observation:1", "observation:2"), Map.of("cuts", "1,5")),
                VITALS, JobLimits.DEFAULT).orElseThrow()).isInstanceOf(JobPlan.Rates.class);
    }

    @Test
    void aSurvivalCurve_needsATimeColumnWholeBinsAndAPositiveWidth() {
        JobPlan km = JobPlan.of(spec("kaplan-meier", List.of("observation:1", "observation:2"), Map.of("width", "30",
                "bins", "12", "origin", "5")), VITALS, JobLimits.DEFAULT).orElseThrow();

        assertThat(km).isEqualTo(new JobPlan.Survival(km.columns(), km.epsilon(), 5, 30, 12, 1));
        assertThat(refusal(spec("kaplan-meier", List.of("observation:1"), Map.of("width", "1", "bins", "2.5"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("kaplan-meier", List.of("observation:1"), Map.of("width", "0", "bins", "2"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("kaplan-meier", List.of("observation:1"), Map.of("width", "1", "bins", "1001"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("kaplan-meier", List.of("observation:1", "observation:2", "observation:3"), Map.of(
                "width", "1", "bins", "2")))).isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
    }

    @Test
    void aLogisticModel_needsARangePerFeature_andBoundedStepsAndDelta() {
        JobPlan.Logistic plan = (JobPlan.Logistic) JobPlan.of(spec("logistic", List.of("observation:1",
                "observation:2"), Map.of("low", "40", "high", "200")), VITALS, JobLimits.DEFAULT).orElseThrow();
        JobPlan.Logistic interceptOnly = (JobPlan.Logistic) JobPlan.of(spec("logistic", List.of("observation:2"),
                Map.of()), VITALS, JobLimits.DEFAULT).orElseThrow();

        assertThat(plan.features()).containsExactly("observation:1");
        assertThat(plan.steps()).isEqualTo(20);
        assertThat(plan.delta()).isEqualTo(1e-6);
        assertThat(interceptOnly.features()).isEmpty();
        List<String> two = List.of("observation:1", "observation:2");
        assertThat(refusal(spec("logistic", two, Map.of()))).isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("logistic", two, Map.of("low", "1,2", "high", "3,4"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("logistic", two, Map.of("low", "5", "high", "5"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("logistic", two, Map.of("low", "0", "high", "1", "delta", "0.01"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("logistic", two, Map.of("low", "0", "high", "1", "steps", "1001"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("logistic", List.of("observation:1", "condition:2"), Map.of("low", "0", "high",
                "1")))).isEqualTo(ErrorCode.JOB_OUTSIDE_TERMS);
    }

    @Test
    void quantiles_needARange_wholeBins_andAscendingProbabilitiesInsideZeroToOne() {
        JobPlan q = JobPlan.of(spec("quantiles", List.of("observation:1"), Map.of("low", "40", "high", "200")),
                VITALS, JobLimits.DEFAULT).orElseThrow();

        assertThat(q).isEqualTo(new JobPlan.Quantiles(q.columns(), q.epsilon(), 40, 200, 100, List.of(0.25, 0.5,
                0.75)));
        List<String> one = List.of("observation:1");
        assertThat(refusal(spec("quantiles", one, Map.of("low", "0", "high", "1", "p", "0.5,0.2"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("quantiles", one, Map.of("low", "0", "high", "1", "p", "0,0.5"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("quantiles", one, Map.of("low", "0", "high", "1", "p", "0.5,1"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("quantiles", one, Map.of("low", "0", "high", "1", "bins", "0"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
        assertThat(refusal(spec("quantiles", one, Map.of("low", "1", "high", "1"))))
                .isEqualTo(ErrorCode.COMPUTE_INVALID_PARAMETERS);
    }

    @Test
    void theAlgorithmHash_isTheModulesHash_orTheCanonicalBuiltIn() {
        JobSpec a = spec("mean", List.of("observation:1"), Map.of("low", "0", "high", "1"));
        JobSpec b = spec("mean", List.of("observation:1"), Map.of("high", "1", "low", "0"));
        JobSpec c = spec("mean", List.of("observation:1"), Map.of("high", "2", "low", "0"));

        assertThat(a.algorithmHash()).isEqualTo(b.algorithmHash()).isNotEqualTo(c.algorithmHash());
        assertThat(new JobSpec("wasm", List.of(), Map.of(), "1", Optional.of(new byte[]{1, 2})).algorithmHash())
                .isEqualTo(io.salus.core.merkle.Hashing.keccak256(new byte[]{1, 2}));
    }

    @Test
    void theResultDocument_isCanonical() {
        byte[] one = ResultDocument.json(Map.of("b", List.of(1.5, "x\"y"), "a", Map.of("z", 1L, "n",
                Optional.empty().isPresent())));

        assertThat(new String(one, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"n\":false,\"z\":1},\"b\":[1.5,\"x\\\"y\"]}");
    }
}
