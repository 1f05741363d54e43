package io.salus.core.monitoring;

import static io.salus.core.monitoring.MonitoringFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.Measure;
import io.salus.core.device.Measurement;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MonitoringEngineTest {

    private static MonitoringEngine.Evaluation stream(MonitoringPlan plan, List<Measurement> ms) {
        return MonitoringEngine.observeAll(plan, MonitorState.start(T0), ms, T0.plus(Duration.ofHours(1)));
    }

    @Nested
    class Thresholds {
        @Test
        void aGlucoseStreamFallingBelow54_raisesLevel1ThenLevel2Once() {
            MonitoringEngine.Evaluation e = stream(standard(), List.of(m(VitalSign.GLUCOSE_MASS, 95, 0),
                    m(VitalSign.GLUCOSE_MASS, 72, 5), m(VitalSign.GLUCOSE_MASS, 66, 10),
                    m(VitalSign.GLUCOSE_MASS, 52, 15), m(VitalSign.GLUCOSE_MASS, 50, 20)));
            assertThat(e.raised()).extracting(a -> a.rule().value()).containsExactly("hypoglycaemia-level-1",
                    "hypoglycaemia-level-2");
            Alert level2 = e.raised().get(1);
            assertThat(level2.severity()).isEqualTo(Severity.URGENT);
            assertThat(level2.value()).contains(52.0);
            assertThat(level2.unit()).isEqualTo("mg/dL");
            assertThat(level2.dataAt()).isEqualTo(T0.plusSeconds(15 * 60));
            assertThat(level2.freshness(T0.plusSeconds(25 * 60))).isEqualTo(Duration.ofMinutes(10));
            assertThat(e.state().isActive(new RuleId("hypoglycaemia-level-2"))).isTrue();
        }

        @Test
        void mmolPerLitreReadings_fireTheSameRule() {
            Measurement low = io.salus.core.device.Measurement.of(io.salus.core.device.Reading.of(
                    VitalSign.GLUCOSE_MOLES, "2.8", "mmol/L", T0)).orElseThrow();
            assertThat(stream(standard(), List.of(low)).raised()).extracting(a -> a.rule().value())
                    .containsExactlyInAnyOrder("hypoglycaemia-level-1", "hypoglycaemia-level-2");
        }

        @Test
        void aValueHoveringAroundTheThreshold_raisesOnceUntilItClearsByTheMargin() {
            MonitoringEngine.Evaluation e = stream(standard(), List.of(m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 181, 0),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 178, 1), m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 182, 2),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 171, 3), m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 185, 4)));
            assertThat(e.raised()).hasSize(1);
            assertThat(e.cleared()).isEmpty();

            MonitoringEngine.Evaluation after = MonitoringEngine.observe(standard(), e.state(),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 165, 5), T0);
            assertThat(after.cleared()).containsExactly(new RuleId("hypertensive-crisis-systolic"));
            MonitoringEngine.Evaluation again = MonitoringEngine.observe(standard(), after.state(),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 190, 6), T0);
            assertThat(again.raised()).hasSize(1);
            assertThat(again.raised().get(0).id()).isNotEqualTo(e.raised().get(0).id());
        }

        @Test
        void theSameReadingEvaluatedTwice_yieldsTheSameAlertId() {
            Measurement high = m(VitalSign.DIASTOLIC_BLOOD_PRESSURE, 125, 0);
            Alert a = stream(standard(), List.of(high)).raised().get(0);
            Alert b = stream(standard(), List.of(high)).raised().get(0);
            assertThat(a.id()).isEqualTo(b.id());
        }

        @Test
        void aLateReadingOlderThanTheNewest_changesNothing() {
            MonitoringEngine.Evaluation e = stream(standard(), List.of(m(VitalSign.HEART_RATE, 80, 10)));
            MonitoringEngine.Evaluation late = MonitoringEngine.observe(standard(), e.state(),
                    m(VitalSign.HEART_RATE, 150, 5), T0);
            assertThat(late.late()).isTrue();
            assertThat(late.raised()).isEmpty();
            assertThat(late.state()).isEqualTo(e.state());
        }
    }

    @Nested
    class Trends {
        private final MonitoringPlan plan = plan(List.of(new TrendRule(new RuleId("sbp-rising"),
                "Systolic rising by 30 mm Hg within 6 hours", Measure.SYSTOLIC_BLOOD_PRESSURE, Duration.ofHours(6),
                30, 10, Severity.WARNING)));

        @Test
        void aRiseWithinTheWindow_fires() {
            MonitoringEngine.Evaluation e = stream(plan, List.of(m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 120, 0),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 135, 60), m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 152, 120)));
            assertThat(e.raised()).singleElement().satisfies(a -> assertThat(a.value()).contains(32.0));
        }

        @Test
        void theSameRiseSpreadBeyondTheWindow_doesNot() {
            MonitoringEngine.Evaluation e = stream(plan, List.of(m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 120, 0),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 135, 300), m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 152, 420)));
            assertThat(e.raised()).isEmpty();
        }
    }

    @Nested
    class Silence {
        private final MonitoringPlan plan = plan(List.of(StandardRules.silence(Measure.BLOOD_GLUCOSE,
                Duration.ofMinutes(30))));

        @Test
        void aStreamThatGoesSilent_raisesItsOwnAlertOnceAndAReadingClearsIt() {
            MonitorState s = stream(plan, List.of(m(VitalSign.GLUCOSE_MASS, 110, 0))).state();
            assertThat(MonitoringEngine.tick(plan, s, T0.plusSeconds(29 * 60)).raised()).isEmpty();

            MonitoringEngine.Evaluation silent = MonitoringEngine.tick(plan, s, T0.plusSeconds(31 * 60));
            Alert a = silent.raised().get(0);
            assertThat(a.rule()).isEqualTo(new RuleId("silent-blood-glucose"));
            assertThat(a.value()).isEmpty();
            assertThat(a.freshness(T0.plusSeconds(31 * 60))).isEqualTo(Duration.ofMinutes(31));
            assertThat(MonitoringEngine.tick(plan, silent.state(), T0.plusSeconds(60 * 60)).raised()).isEmpty();

            MonitoringEngine.Evaluation back = MonitoringEngine.observe(plan, silent.state(),
                    m(VitalSign.GLUCOSE_MASS, 105, 61), T0);
            assertThat(back.cleared()).containsExactly(a.rule());
        }

        @Test
        void aStreamThatNeverStarted_isSilentFromThePlansStart() {
            MonitoringEngine.Evaluation e = MonitoringEngine.tick(plan, MonitorState.start(T0),
                    T0.plusSeconds(30 * 60));
            assertThat(e.raised()).singleElement().satisfies(a -> assertThat(a.dataAt()).isEqualTo(T0));
        }
    }

    @Nested
    class EarlyWarning {
        @Test
        void news2FromDeviceReadings_firesAsAPartialScoreNamingWhatIsMissing() {
            MonitoringEngine.Evaluation e = stream(standard(), List.of(m(VitalSign.RESPIRATORY_RATE, 23, 0),
                    m(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, 94, 1), m(VitalSign.HEART_RATE, 112, 2)));
            Alert news2 = e.raised().stream().filter(a -> a.rule().value().equals("news2-medium")).findFirst()
                    .orElseThrow();
            assertThat(news2.value()).contains(5.0);
            assertThat(news2.detail()).contains("partial").contains("CONSCIOUSNESS").contains("AIR_OR_OXYGEN");
            assertThat(news2.measure()).isEmpty();
        }

        @Test
        void inputsOlderThanTheirMaximumAge_doNotCount() {
            MonitoringEngine.Evaluation e = stream(standard(), List.of(m(VitalSign.RESPIRATORY_RATE, 23, 0),
                    m(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, 94, 1), m(VitalSign.HEART_RATE, 112, 120)));
            assertThat(e.raised()).extracting(a -> a.rule().value()).doesNotContain("news2-medium");
        }

        @Test
        void aRecordedClinicalContext_completesTheScore() {
            MonitorState s = MonitorState.start(T0).withContext(ClinicalContext.recorded(true,
                    Consciousness.ALERT, T0));
            MonitoringEngine.Evaluation e = MonitoringEngine.observeAll(standard(), s, List.of(
                    m(VitalSign.RESPIRATORY_RATE, 22, 0), m(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, 97, 1),
                    m(VitalSign.SYSTOLIC_BLOOD_PRESSURE, 120, 1), m(VitalSign.BODY_TEMPERATURE, 37, 1),
                    m(VitalSign.HEART_RATE, 95, 2)), T0);
            assertThat(e.raised()).singleElement().satisfies(a -> {
                assertThat(a.value()).contains(5.0);
                assertThat(a.detail()).doesNotContain("partial");
            });
        }
    }

    @Test
    void anInvalidPlan_isRefusedWithEveryProblemLocated() {
        Failure f = MonitoringPlan.of(PATIENT, List.of(new ThresholdRule(new RuleId("a"), "", Measure.HEART_RATE,
                Bound.ABOVE, 900, -1, Severity.WARNING),
                new SilenceRule(new RuleId("a"), "quiet", Measure.HEART_RATE,
                        Duration.ofSeconds(5), Severity.WARNING)))
                .failure();
        assertThat(f.code()).isEqualTo(ErrorCode.MONITORING_INVALID_RULE);
        assertThat(f.issues()).extracting(Failure.Issue::location).containsExactly("rules[0]", "rules[0]",
                "rules[0]", "rules[1]", "rules[1]");
        assertThat(Optional.of(StandardRules.all()).map(r -> MonitoringPlan.of(PATIENT, r).isOk())).contains(true);
    }
}
