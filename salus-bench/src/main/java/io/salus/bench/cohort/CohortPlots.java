package io.salus.bench.cohort;

import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Series;
import io.salus.bench.report.ThroughputPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The cohort latency plots: count latency against population size, one PNG for the index and one for the SQL
 * baseline (their scales differ by orders of magnitude). Stateless and thread-safe.
 */
public final class CohortPlots {
    private CohortPlots() {
    }

    /** Writes {@code cohort-latency-index.png} and {@code cohort-latency-sql.png} into {@code dir}. */
    public static List<Path> write(Path dir, Outcome cohort, String machine) throws IOException {
        Path index = dir.resolve("cohort-latency-index.png");
        Path sql = dir.resolve("cohort-latency-sql.png");
        ThroughputPlot.write(index, "Cohort count latency against population size: RoaringCohortIndex", machine,
                part(cohort, "index"));
        ThroughputPlot.write(sql, "Cohort count latency against population size: SQL baseline (OMOP / i2b2 style)",
                machine, part(cohort, "SQL"));
        return List.of(index, sql);
    }

    private static List<Series> part(Outcome o, String prefix) {
        return o.series().stream().filter(s -> s.name().startsWith(prefix + ":")).toList();
    }
}
