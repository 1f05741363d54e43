package io.salus.compute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** What a module computes inside the sandbox, and what the sandbox refuses before anything runs. */
class ChicoryModuleRunnerTest {
    static final SandboxLimits LIMITS = new SandboxLimits(16, Duration.ofSeconds(30), 100, 1 << 20);
    private final ChicoryModuleRunner runner = new ChicoryModuleRunner();

    static CohortView view(Map<String, double[]> columns, List<String> granted) {
        return CohortView.granted(columns, granted).orElseThrow();
    }

    @Test
    void aMeanComputedByAModule_equalsTheJavaMeanOfTheSameColumn() {
        Random random = new Random(17);
        double[] age = random.doubles(5_000, 18, 95).toArray();
        double[] hba1c = random.doubles(5_000, 4, 12).toArray();
        CohortView cohort = view(Map.of("age", age, "hba1c", hba1c), List.of("age", "hba1c"));

        Result<ModuleOutput> ageMean = runner.run(Modules.mean(0), cohort, LIMITS);
        Result<ModuleOutput> hba1cMean = runner.run(Modules.mean(1), cohort, LIMITS);

        double sum = 0;
        for (double v : hba1c) {
            sum += v;
        }
        assertThat(hba1cMean.orElseThrow().values()).containsExactly(sum / hba1c.length);
        assertThat(ageMean.orElseThrow().values()).singleElement().satisfies(
                m -> assertThat(m).isCloseTo(DoubleStream.of(age).average().orElseThrow(), within(1e-9)));
    }

    @Test
    void aMeanOverAColumnLoadedIntoMemory_equalsTheJavaMean() {
        double[] bmi = new Random(18).doubles(10_000, 15, 45).toArray();
        CohortView cohort = view(Map.of("bmi", bmi, "age", new double[10_000]), List.of("age", "bmi"));

        Result<ModuleOutput> mean = runner.run(Modules.loadedMean(1, 2), cohort, LIMITS);

        double sum = 0;
        for (double v : bmi) {
            sum += v;
        }
        assertThat(mean.orElseThrow().values()).containsExactly(sum / bmi.length);
    }

    @Test
    void aModuleRunAgain_startsWithFreshMemory() {
        CohortView none = view(Map.of(), List.of());

        assertThat(runner.run(Modules.countInMemory(), none, LIMITS).orElseThrow().values()).containsExactly(1.0);
        assertThat(runner.run(Modules.countInMemory(), none, LIMITS).orElseThrow().values()).containsExactly(1.0);
    }

    @Test
    void aModuleEmittingUpToTheCap_returnsEveryValueInOrder() {
        Result<ModuleOutput> out = runner.run(Modules.emitTimes(100), view(Map.of(), List.of()), LIMITS);

        assertThat(out.orElseThrow().values()).hasSize(100).containsOnly(1.0);
    }

    @Test
    void bytesThatAreNotWebAssembly_areRefusedAsAnInvalidModule() {
        Result<ModuleOutput> out = runner.run(new byte[]{0, 'a', 's', 'm', 9, 9}, view(Map.of(), List.of()),
                LIMITS);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_INVALID_MODULE);
    }

    @Test
    void aModuleWithoutRun_isRefusedAsAnInvalidModule() {
        Result<ModuleOutput> out = runner.run(Modules.withoutRun(), view(Map.of(), List.of()), LIMITS);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_INVALID_MODULE);
        assertThat(out.failure().detail()).contains("run");
    }

    @Test
    void aModuleLargerThanTheLimit_isRefusedBeforeItIsParsed() {
        SandboxLimits tiny = new SandboxLimits(16, Duration.ofSeconds(30), 100, 16);

        Result<ModuleOutput> out = runner.run(Modules.mean(0), view(Map.of(), List.of()), tiny);

        assertThat(out.failure().code()).isEqualTo(ErrorCode.SANDBOX_INVALID_MODULE);
        assertThat(out.failure().detail()).contains("limit is 16");
    }

    @Test
    void theViewCopiesItsColumns_soLaterChangesAreNotRead() {
        double[] age = {40, 50};
        CohortView cohort = view(Map.of("age", age), List.of("age"));
        age[0] = 99;

        assertThat(runner.run(Modules.read(0, 0), cohort, LIMITS).orElseThrow().values()).containsExactly(40.0);
    }
}
