package io.salus.core.monitoring;

import static io.salus.core.monitoring.MonitoringFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import io.salus.core.device.VitalSign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The rule engine under arbitrary streams. */
class MonitoringEngineProperties {

    /** A reading inside every normal range (NEWS2 0 for each parameter, no threshold breached). */
    @Provide
    Arbitrary<Measurement> normal() {
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 24 * 60);
        Arbitrary<VitalSign> sign = Arbitraries.of(VitalSign.values());
        return Combinators.combine(sign, minute, Arbitraries.doubles().between(0, 1)).as((s, t, u) -> m(s,
                switch (s.measure()) {
                    case HEART_RATE -> 51 + u * 39;
                    case OXYGEN_SATURATION -> 96 + u * 4;
                    case SYSTOLIC_BLOOD_PRESSURE -> 111 + u * 68;
                    case DIASTOLIC_BLOOD_PRESSURE -> 60 + u * 59;
                    case BODY_TEMPERATURE -> 36.1 + u * 1.8;
                    case RESPIRATORY_RATE -> 12 + u * 8;
                    case BLOOD_GLUCOSE -> 70 + u * 110;
                    case STEPS -> u * 10_000;
                }, t));
    }

    @Property
    void aStreamInsideAllNormalRanges_neverFires(@ForAll @Size(max = 60) List<@From("normal") Measurement> ms) {
        MonitoringEngine.Evaluation e = MonitoringEngine.observeAll(standard(), MonitorState.start(T0), ms, T0);
        assertThat(e.raised()).isEmpty();
        assertThat(e.state().active()).isEmpty();
    }

    @Property
    void hysteresisNeverFlaps_betweenTwoAlertsThereIsAClearingReading(
            @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = 150, max = 200) Double> values,
            @ForAll @DoubleRange(min = 0, max = 15) double hysteresis) {
        ThresholdRule rule = new ThresholdRule(new RuleId("sbp"), "SBP", Measure.SYSTOLIC_BLOOD_PRESSURE,
                Bound.AT_OR_ABOVE, 180, hysteresis, Severity.URGENT);
        MonitoringPlan plan = plan(List.of(rule));
        MonitorState s = MonitorState.start(T0);
        List<Integer> raisedAt = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            MonitoringEngine.Evaluation e = MonitoringEngine.observe(plan, s,
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, values.get(i), i), T0);
            if (!e.raised().isEmpty()) {
                raisedAt.add(i);
                assertThat(values.get(i)).isGreaterThanOrEqualTo(180.0);
            }
            s = e.state();
        }
        for (int k = 1; k < raisedAt.size(); k++) {
            List<Double> between = values.subList(raisedAt.get(k - 1) + 1, raisedAt.get(k));
            assertThat(between).as("a reading below %s between alerts", 180 - hysteresis)
                    .anyMatch(v -> v < 180 - hysteresis);
        }
    }

    @Property
    void valuesConfinedToTheHysteresisBand_raiseAtMostOnce(
            @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = 170, max = 200) Double> values) {
        MonitoringPlan plan = standard();
        MonitorState s = MonitorState.start(T0);
        int raised = 0;
        for (int i = 0; i < values.size(); i++) {
            MonitoringEngine.Evaluation e = MonitoringEngine.observe(plan, s,
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, values.get(i), i), T0);
            raised += e.raised().size();
            s = e.state();
        }
        assertThat(raised).isLessThanOrEqualTo(1);
    }

    @Property
    void aSilenceAlertIsRaisedExactlyOncePerSilentPeriod(
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 120) Integer> ticks) {
        MonitoringPlan plan = plan(List.of(StandardRules.silence(Measure.HEART_RATE, Duration.ofMinutes(30))));
        MonitorState s = MonitorState.start(T0);
        int minute = 0;
        int raised = 0;
        for (int t : ticks) {
            minute += t;
            MonitoringEngine.Evaluation e = MonitoringEngine.tick(plan, s, T0.plusSeconds(60L * minute));
            raised += e.raised().size();
            s = e.state();
        }
        assertThat(raised).isEqualTo(minute >= 30 ? 1 : 0);
    }
}
