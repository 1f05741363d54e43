package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A patient's monitoring state, as a value: when monitoring started, which rules are active (fired and not yet
 * cleared), the recent measurements of each measure (oldest first; kept as long as the longest trend window needs
 * them, and always the newest) and the clinical context. {@link MonitoringEngine} returns a new one per step.
 */
public record MonitorState(Instant since, Set<RuleId> active, Map<Measure, List<Measurement>> recent,
        ClinicalContext context) {

    public MonitorState {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(context, "context");
        active = Set.copyOf(active);
        Map<Measure, List<Measurement>> copy = new EnumMap<>(Measure.class);
        recent.forEach((m, l) -> copy.put(m, List.copyOf(l)));
        recent = Map.copyOf(copy);
    }

    public static MonitorState start(Instant since) {
        return new MonitorState(since, Set.of(), Map.of(), ClinicalContext.UNKNOWN);
    }

    public Optional<Measurement> newest(Measure measure) {
        List<Measurement> l = recent.getOrDefault(measure, List.of());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    public boolean isActive(RuleId rule) {
        return active.contains(rule);
    }

    public MonitorState withContext(ClinicalContext c) {
        return new MonitorState(since, active, recent, c);
    }

    MonitorState withActive(Set<RuleId> a) {
        return new MonitorState(since, a, recent, context);
    }

    /** With {@code m} appended to its measure's history, dropping what is older than {@code keep} before it. */
    MonitorState append(Measurement m, Duration keep) {
        List<Measurement> l = new ArrayList<>(recent.getOrDefault(m.measure(), List.of()));
        l.add(m);
        Instant cut = m.at().minus(keep);
        l.removeIf(x -> x.at().isBefore(cut));
        Map<Measure, List<Measurement>> r = new EnumMap<>(Measure.class);
        r.putAll(recent);
        r.put(m.measure(), l);
        return new MonitorState(since, active, r, context);
    }

    Set<RuleId> activeCopy() {
        return new HashSet<>(active);
    }
}
