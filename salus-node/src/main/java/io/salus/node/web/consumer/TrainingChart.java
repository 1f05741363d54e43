package io.salus.node.web.consumer;

import io.salus.core.study.RoundRecord;
import io.salus.node.web.ChartAxis;
import io.salus.node.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server-rendered SVG line chart of a study's training curve: one point per finished round at its noisy training
 * loss (the mean clipped log-loss at the round's starting model, from the members' summed DP releases), rounds on the
 * x axis, the loss from 0 to a rounded maximum; each point's tooltip states the round, its loss, how many members were
 * summed and the ε spent so far. Rounds stored before the loss was released have no point. Stateless.
 */
final class TrainingChart {
    static final int WIDTH = 480;
    static final int HEIGHT = 180;
    private static final int PAD = 32;

    private TrainingChart() {
    }

    static Html svg(List<RoundRecord> rounds, int planned) {
        List<RoundRecord> known = rounds.stream().filter(r -> !Double.isNaN(r.loss())).toList();
        if (known.isEmpty()) {
            return Html.raw("<p class=\"muted\" id=\"no-curve\">No round has finished with a loss yet, so no curve."
                    + "</p>");
        }
        double max = ChartAxis.top(known.stream().mapToDouble(RoundRecord::loss).max().orElse(1));
        int last = Math.max(1, planned - 1);
        List<String> xy = new ArrayList<>();
        List<Html> dots = new ArrayList<>();
        for (RoundRecord r : known) {
            double x = PAD + (WIDTH - 2.0 * PAD) * r.round() / last;
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * r.loss() / max;
            xy.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            dots.add(Html.of("<circle cx=\"{}\" cy=\"{}\" r=\"3\"><title>round {}: loss {}, {} members summed, ε "
                    + "spent {}</title></circle>", String.format(Locale.ROOT, "%.1f", x),
                    String.format(Locale.ROOT,
                            "%.1f", y),
                    r.round(), String.format(Locale.ROOT, "%.3f", r.loss()),
                    r.participants().size(), r.epsilonText()));
        }
        return Html.of("""
                <svg class="training-curve" id="training-curve" role="img" viewBox="0 0 {} {}" width="{}" \
                height="{}" aria-label="training loss per round: {} of {} rounds, latest {}"><title>Training loss \
                per round</title><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>\
                <text x="4" y="{}" font-size="10">{}</text><text x="4" y="{}" font-size="10">0</text>\
                <text x="{}" y="{}" font-size="10">round 0</text><text x="{}" y="{}" font-size="10" \
                text-anchor="end">round {}</text>\
                <polyline fill="none" stroke="currentColor" stroke-width="2" points="{}"/>{}</svg>""", WIDTH, HEIGHT,
                WIDTH, HEIGHT, known.size(), planned, String.format(Locale.ROOT, "%.3f", known.getLast().loss()),
                PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD, PAD, String.format(Locale.ROOT, "%.2f", max),
                HEIGHT - PAD, PAD, HEIGHT - 8, WIDTH - PAD, HEIGHT - 8, last, String.join(" ", xy),
                Html.join(dots));
    }
}
