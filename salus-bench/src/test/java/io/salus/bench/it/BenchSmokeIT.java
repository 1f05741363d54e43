package io.salus.bench.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.bench.BenchRunner;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Progress;
import io.salus.bench.cohort.CohortPlots;
import io.salus.bench.report.Machine;
import io.salus.bench.report.MarkdownReport;
import io.salus.bench.report.ThroughputPlot;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark at smoke size (tiny population, one run, JMH unforked) on a real node: asserts correctness, never
 * time.
 */
class BenchSmokeIT {
    private static Map<String, Outcome> outcomes;

    @BeforeAll
    static void runAll() {
        List<Outcome> all = BenchRunner.run(new BenchRunner.Options(300, 12, 1, 2, 5, Set.of(), true),
                Progress.silent(), new PrintStream(OutputStream.nullOutputStream()));
        outcomes = all.stream().collect(Collectors.toMap(Outcome::benchmark, Function.identity()));
    }

    @Test
    void everyBenchmarkRan_andPassedItsOwnCorrectnessChecks() {
        assertThat(outcomes).containsOnlyKeys("generation", "deposit", "anchoring", "proofs", "consent", "cohort",
                "deal", "fhir", "rebuild", "zk", "batching", "dao", "onboarding", "federation", "devices");
        outcomes.values().forEach(o -> assertThat(o.checks()).as(o.benchmark()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.passed()).as(o.benchmark() + ": " + c.what()).isTrue()));
    }

    @Test
    void comparisons_haveFinitePositiveFiguresAndBaselines() {
        List<Comparison> all = outcomes.values().stream().flatMap(o -> o.comparisons().stream()).toList();
        assertThat(all).hasSize(9 + 8 + 2 + 2 + 2 + 3 + 1 + 3 + 1);
        assertThat(all).allSatisfy(c -> {
            assertThat(c.measured().median()).isPositive().isFinite();
            assertThat(c.baselineMeasured().median()).isPositive().isFinite();
            assertThat(c.ratio()).isPositive().isFinite();
        });
    }

    @Test
    void cohortCounts_byTheIndexEqualTheSqlCounts_forEveryCriterionAtEverySize() {
        List<Outcome.Check> equal = outcomes.get("cohort").checks().stream()
                .filter(c -> c.what().contains("= SQL count")).toList();
        assertThat(equal).hasSize(2 * 8).allSatisfy(c -> assertThat(c.passed()).as(c.what()).isTrue());
        assertThat(outcomes.get("cohort").series()).hasSize(6).allSatisfy(s -> assertThat(s.points()).hasSize(2));
    }

    @Test
    void deal_settlesOnChain_withEveryConsentingPatientDeliveredAndPaid() {
        Outcome deal = outcomes.get("deal");
        assertThat(deal.checks()).extracting(Outcome.Check::what)
                .anyMatch(w -> w.startsWith("every patient's claim address holds"))
                .anyMatch(w -> w.startsWith("the chain says SETTLED with 20 paid patients"))
                .anyMatch(w -> w.startsWith("every consenting patient delivered (20 of 20)"))
                .anyMatch(w -> w.startsWith("the content key was released on chain"));
        assertThat(deal.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.what()).isTrue());
        assertThat(deal.figures()).containsKey("total post + match + deliver");
    }

    @Test
    void merkleAnchoring_costsLessGasPerRecordThanOneTransactionPerRecord() {
        Comparison gas = outcomes.get("anchoring").comparisons().get(0);
        assertThat(gas.unit()).isEqualTo("gas");
        assertThat(gas.measured().median()).isLessThan(gas.baselineMeasured().median());
        assertThat(gas.baselineMeasured().median()).isGreaterThan(20_000);
    }

    @Test
    void report_rendersATablePerBenchmark_andThePlotIsAReadablePng(@TempDir Path dir) throws Exception {
        String md = MarkdownReport.render(List.copyOf(outcomes.values()), Machine.current(), "test");
        assertThat(md).contains("## deposit", "## anchoring", "## proofs", "## generation", "## consent", "## cohort",
                "## deal", "| figure |")
                .doesNotContain("FAILED").doesNotContain("NaN");
        Path png = dir.resolve("plot.png");
        ThroughputPlot.write(png, "t", "s", outcomes.get("deposit").series());
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        for (Path p : CohortPlots.write(dir, outcomes.get("cohort"), "machine")) {
            assertThat(ImageIO.read(p.toFile()).getHeight()).isEqualTo(560);
        }
        assertThat(outcomes.get("deposit").series()).hasSize(2)
                .allSatisfy(s -> assertThat(s.points()).hasSize(3));
    }
}
