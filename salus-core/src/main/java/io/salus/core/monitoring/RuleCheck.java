package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How one rule judges the state after a measurement: whether it breaches, whether it clears, and what to report. The
 * report's text is made only when an alert is raised (every reading is checked; few raise one).
 */
record RuleCheck(boolean breaches, boolean clears, Optional<Measure> measure, Optional<Double> value, String unit,
        Supplier<String> detail) {

    /** The check of {@code rule} after {@code m}, or empty when the measurement does not concern the rule. */
    static Optional<RuleCheck> of(Rule rule, MonitorState s, Measurement m) {
        return switch (rule) {
            case ThresholdRule t when t.measure() == m.measure() -> Optional.of(new RuleCheck(t.breaches(m.value()),
                    t.clears(m.value()), Optional.of(m.measure()), Optional.of(m.value()), unit(m), () -> m.measure()
                            + " " + m.value() + " " + unit(m) + " " + t.bound().symbol() + " " + t.threshold()));
            case TrendRule t when t.measure() == m.measure() -> Optional.of(trend(t, s, m));
            case SilenceRule r when r.measure() == m.measure() -> Optional.of(new RuleCheck(false, true,
                    Optional.of(m.measure()), Optional.of(m.value()), unit(m), () -> "a reading arrived"));
            case News2Rule n when MonitoringEngine.news2Input(m.measure()) -> Optional.of(news2(n, s, m.at()));
            default -> Optional.empty();
        };
    }

    private static RuleCheck trend(TrendRule t, MonitorState s, Measurement m) {
        Instant from = m.at().minus(t.window());
        Measurement oldest = s.recent().getOrDefault(m.measure(), List.of()).stream()
                .filter(x -> !x.at().isBefore(from)).findFirst().orElse(m);
        double delta = m.value() - oldest.value();
        return new RuleCheck(t.breaches(delta), t.clears(delta), Optional.of(m.measure()), Optional.of(delta),
                unit(m), () -> m.measure() + " changed by " + delta + " " + unit(m) + " since " + oldest.at()
                        + " (rule: " + t.change() + " within " + t.window() + ")");
    }

    private static RuleCheck news2(News2Rule n, MonitorState s, Instant at) {
        Instant notBefore = at.minus(n.maxInputAge());
        ClinicalContext c = s.context().freshSince(notBefore);
        News2Inputs in = new News2Inputs(fresh(s, Measure.RESPIRATORY_RATE, notBefore),
                fresh(s, Measure.OXYGEN_SATURATION, notBefore), c.onOxygen(),
                fresh(s, Measure.SYSTOLIC_BLOOD_PRESSURE, notBefore), fresh(s, Measure.HEART_RATE, notBefore),
                c.consciousness(), fresh(s, Measure.BODY_TEMPERATURE, notBefore));
        News2Score score = News2.score(in);
        Supplier<String> detail = () -> "NEWS2 " + score.total() + (score.partial()
                ? " (partial, at least; missing "
                        + score.missing().stream().sorted().toList() + ")"
                : "") + ", risk " + score.risk();
        return new RuleCheck(score.total() >= n.threshold(), score.total() < n.threshold(), Optional.empty(),
                Optional.of((double) score.total()), "points", detail);
    }

    private static Optional<Double> fresh(MonitorState s, Measure m, Instant notBefore) {
        return s.newest(m).filter(x -> !x.at().isBefore(notBefore)).map(Measurement::value);
    }

    private static String unit(Measurement m) {
        return m.measure().canonicalUnit();
    }
}
