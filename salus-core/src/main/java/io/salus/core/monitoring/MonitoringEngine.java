package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a patient's plan: {@link #observe} on each measurement, {@link #tick} on the clock (silence). Pure: the
 * state comes in and a new one goes out with the alerts raised and the rules cleared; the time is a parameter.
 *
 * <p>
 * A rule raises an alert only on its transition from inactive to active; while active it raises nothing more, and it
 * becomes inactive when its clearing condition holds (threshold and trend rules: past the hysteresis margin; silence:
 * any reading; NEWS2: below the threshold). A measurement older than the newest one of its measure (a late batch
 * filling a gap) is stored nowhere and changes no rule: it is reported {@code late}, since the patient's state is
 * what the newest data says. Stateless and thread-safe.
 */
public final class MonitoringEngine {
    private static final Set<Measure> NEWS2_MEASURES = Set.of(Measure.RESPIRATORY_RATE, Measure.OXYGEN_SATURATION,
            Measure.SYSTOLIC_BLOOD_PRESSURE, Measure.HEART_RATE, Measure.BODY_TEMPERATURE);

    /** The next state, what was raised and cleared, and whether the measurement was late (and so ignored). */
    public record Evaluation(MonitorState state, List<Alert> raised, List<RuleId> cleared, boolean late) {
        public Evaluation {
            raised = List.copyOf(raised);
            cleared = List.copyOf(cleared);
        }
    }

    private MonitoringEngine() {
    }

    public static Evaluation observe(MonitoringPlan plan, MonitorState state, Measurement m, Instant now) {
        Optional<Measurement> newest = state.newest(m.measure());
        if (newest.isPresent() && m.at().isBefore(newest.get().at())) {
            return new Evaluation(state, List.of(), List.of(), true);
        }
        MonitorState s = state.append(m, keep(plan, m.measure()));
        Set<RuleId> active = s.activeCopy();
        List<Alert> raised = new ArrayList<>();
        List<RuleId> cleared = new ArrayList<>();
        for (Rule rule : plan.rules()) {
            RuleCheck.of(rule, s, m).ifPresent(check -> {
                if (active.contains(rule.id())) {
                    if (check.clears()) {
                        active.remove(rule.id());
                        cleared.add(rule.id());
                    }
                } else if (check.breaches()) {
                    active.add(rule.id());
                    raised.add(Alert.raise(plan.patient(), rule, check.measure(), check.value(), check.unit(),
                            m.at(), now, check.detail().get()));
                }
            });
        }
        return new Evaluation(s.withActive(active), raised, cleared, false);
    }

    /** Observes several measurements in time order (a batch), collecting what each step raised and cleared. */
    public static Evaluation observeAll(MonitoringPlan plan, MonitorState state, List<Measurement> ms,
            Instant now) {
        List<Alert> raised = new ArrayList<>();
        List<RuleId> cleared = new ArrayList<>();
        boolean late = false;
        MonitorState s = state;
        for (Measurement m : ms.stream().sorted(Comparator.comparing(Measurement::at)).toList()) {
            Evaluation e = observe(plan, s, m, now);
            s = e.state();
            raised.addAll(e.raised());
            cleared.addAll(e.cleared());
            late |= e.late();
        }
        return new Evaluation(s, raised, cleared, late);
    }

    /** Raises a silence alert for each silence rule whose measure has not reported for its period. */
    public static Evaluation tick(MonitoringPlan plan, MonitorState state, Instant now) {
        Set<RuleId> active = state.activeCopy();
        List<Alert> raised = new ArrayList<>();
        for (Rule rule : plan.rules()) {
            if (rule instanceof SilenceRule s && !active.contains(s.id())) {
                Instant last = state.newest(s.measure()).map(Measurement::at).orElse(state.since());
                if (!now.isBefore(last.plus(s.after()))) {
                    active.add(s.id());
                    String since = state.newest(s.measure()).isPresent()
                            ? "the last reading at " + last
                            : "monitoring started at " + last;
                    raised.add(Alert.raise(plan.patient(), s, Optional.of(s.measure()), Optional.empty(),
                            s.measure().canonicalUnit(), last, now, "no " + s.measure() + " reading since " + since
                                    + " (" + Duration.between(last, now).toMinutes() + " minutes)"));
                }
            }
        }
        return new Evaluation(state.withActive(active), raised, List.of(), false);
    }

    private static Duration keep(MonitoringPlan plan, Measure measure) {
        return plan.rules().stream().filter(r -> r instanceof TrendRule t && t.measure() == measure)
                .map(r -> ((TrendRule) r).window()).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    static boolean news2Input(Measure m) {
        return NEWS2_MEASURES.contains(m);
    }
}
