package io.salus.bench.report;

import io.salus.bench.Comparison;
import io.salus.bench.Numbers;
import io.salus.bench.Outcome;
import java.util.List;

/** Renders outcomes as Markdown: a table of comparisons per benchmark, its other figures and its checks. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(List<Outcome> outcomes, Machine machine, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# Salus benchmark run\n\n");
        b.append("- machine: ").append(machine.text()).append('\n');
        b.append("- command: `").append(command).append("`\n\n");
        for (Outcome o : outcomes) {
            b.append("## ").append(o.benchmark()).append("\n\n");
            if (!o.comparisons().isEmpty()) {
                b.append("| figure | Salus: median (p10, p90) | baseline | baseline: median (p10, p90) | ratio |"
                        + " goal (BRIEF.md) |\n");
                b.append("| --- | --- | --- | --- | --- | --- |\n");
                for (Comparison c : o.comparisons()) {
                    b.append("| ").append(c.figure()).append(", ").append(c.unit()).append(" | ")
                            .append(c.measured().text()).append(" | ").append(c.baseline()).append(" | ")
                            .append(c.baselineMeasured().text()).append(" | ").append(ratio(c.ratio()))
                            .append(" (").append(c.ratioMeaning()).append(") | ")
                            .append(c.goal().isEmpty() ? "-" : c.goal()).append(" |\n");
                }
                b.append('\n');
            }
            o.figures().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
            o.checks().forEach(c -> b.append("- check ").append(c.passed() ? "passed" : "FAILED").append(": ")
                    .append(c.what()).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static String ratio(double r) {
        return r >= 0.01 ? Numbers.compact(r) : String.format(java.util.Locale.ROOT, "%.2e", r);
    }
}
