package io.salus.node.web.patient;

import io.salus.core.usecase.scores.ScorePoint;
import io.salus.node.web.ChartAxis;
import io.salus.node.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server-rendered SVG line chart of one score over time: one point per computation that gave a value (a computation
 * that could not score leaves no point), the time axis from the first to the last computation, the value axis from 0
 * to a rounded maximum; each point carries its time and value as a tooltip. Stateless.
 */
final class ScoreChart {
    static final int WIDTH = 480;
    static final int HEIGHT = 160;
    private static final int PAD = 32;

    private ScoreChart() {
    }

    static Html svg(String model, String label, List<ScorePoint> points) {
        List<ScorePoint> scored = points.stream().filter(p -> p.value().isPresent()).toList();
        if (scored.isEmpty()) {
            return Html.of("<p class=\"muted\">No {} value yet, so no trend.</p>", label);
        }
        double max = ChartAxis.top(scored.stream().mapToDouble(p -> p.value().orElseThrow()).max().orElse(1));
        long t0 = scored.getFirst().at().toEpochMilli();
        long span = Math.max(1, scored.getLast().at().toEpochMilli() - t0);
        List<String> xy = new ArrayList<>();
        List<Html> dots = new ArrayList<>();
        for (ScorePoint p : scored) {
            double x = scored.size() == 1
                    ? WIDTH / 2.0
                    : PAD + (WIDTH - 2.0 * PAD) * (p.at().toEpochMilli() - t0)
                            / span;
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * p.value().orElseThrow() / max;
            String at = String.format(Locale.ROOT, "%.1f,%.1f", x, y);
            xy.add(at);
            dots.add(Html.of("<circle cx=\"{}\" cy=\"{}\" r=\"3\"><title>{}: {}</title></circle>", String.format(
                    Locale.ROOT, "%.1f", x), String.format(Locale.ROOT, "%.1f", y),
                    p.at().toString().substring(0,
                            16).replace('T', ' '),
                    p.displayed()));
        }
        return Html.of("""
                <svg class="score-trend" id="trend-{}" role="img" viewBox="0 0 {} {}" width="{}" height="{}" \
                aria-label="{} over time: {} computations, latest {}"><title>{} over time</title>\
                <line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>\
                <text x="4" y="{}" font-size="10">{}</text><text x="4" y="{}" font-size="10">0</text>\
                <polyline fill="none" stroke="currentColor" stroke-width="2" points="{}"/>{}</svg>""", model, WIDTH,
                HEIGHT, WIDTH, HEIGHT, label, scored.size(), scored.getLast().displayed(), label, PAD, HEIGHT - PAD,
                WIDTH - PAD, HEIGHT - PAD, PAD, format(max) + " " + scored.getLast().unit(), HEIGHT - PAD, String.join(
                        " ", xy),
                Html.join(dots));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
