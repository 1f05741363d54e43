package io.salus.bench;

import io.salus.bench.population.GenerateCommand;
import io.salus.bench.report.Machine;
import io.salus.bench.report.MarkdownReport;
import io.salus.bench.report.ThroughputPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bench} command.
 *
 * <pre>
 * bench [--scale N] [--sample K] [--repeats R] [--threads T] [--seed S] [--only a,b] [--report DIR] [--quick]
 *       [--r4-rules true|false]
 * bench generate --patients N [--seed S] [--years Y] [--threads T] [--out FILE|-]
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("generate")) {
            rest.remove(0);
            Map<String, String> o = options(rest);
            GenerateCommand.run(new GenerateCommand.Options(Long.parseLong(o.getOrDefault("patients", "1000")),
                    Long.parseLong(o.getOrDefault("seed", "1")), Integer.parseInt(o.getOrDefault("years", "3")),
                    Integer.parseInt(o.getOrDefault("threads",
                            Integer.toString(Runtime.getRuntime().availableProcessors()))),
                    o.getOrDefault("out", "population.ndjson")), Progress.console(), System.err);
            return;
        }
        if (!rest.isEmpty() && rest.get(0).equals("run")) {
            rest.remove(0);
        }
        Map<String, String> o = options(rest);
        String onlyText = o.getOrDefault("only", "");
        BenchRunner.Options opts = new BenchRunner.Options(Long.parseLong(o.getOrDefault("scale", "100000")),
                Integer.parseInt(o.getOrDefault("sample", "1000")), Integer.parseInt(o.getOrDefault("repeats", "5")),
                Integer.parseInt(o.getOrDefault("threads", "4")), Long.parseLong(o.getOrDefault("seed", "1")),
                onlyText.isEmpty() ? Set.of() : Set.of(onlyText.split(",")), o.containsKey("quick"),
                Boolean.parseBoolean(o.getOrDefault("r4-rules", "true")));
        Path report = Path.of(o.getOrDefault("report", "salus-bench/target/bench-report"));
        List<Outcome> outcomes = BenchRunner.run(opts, Progress.console(), System.err);
        String md = MarkdownReport.render(outcomes, Machine.current(), "./salus bench " + String.join(" ", args));
        Files.createDirectories(report);
        Files.writeString(report.resolve("results.md"), md, StandardCharsets.UTF_8);
        for (Outcome out : outcomes) {
            if (out.benchmark().equals("cohort")) {
                io.salus.bench.cohort.CohortPlots.write(report, out, Machine.current().text());
            } else if (!out.series().isEmpty()) {
                ThroughputPlot.write(report.resolve(out.benchmark() + "-throughput.png"),
                        "Deposit throughput against bundle size (median of " + opts.repeats() + " runs)",
                        Machine.current().text(), out.series());
            }
        }
        System.out.println(md);
        System.err.println("Report written to " + report.toAbsolutePath());
        if (!outcomes.stream().allMatch(Outcome::allChecksPassed)) {
            System.err.println("Some correctness checks FAILED (see the report).");
            System.exit(1);
        }
        System.exit(0);
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a + " (see the bench command's usage)");
            }
            String k = a.substring(2);
            int eq = k.indexOf('=');
            if (eq >= 0) {
                o.put(k.substring(0, eq), k.substring(eq + 1));
            } else if (k.equals("quick")) {
                o.put(k, "true");
            } else if (i + 1 < args.size()) {
                o.put(k, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + k + " needs a value");
            }
        }
        return o;
    }
}
