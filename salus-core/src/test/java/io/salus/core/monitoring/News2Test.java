package io.salus.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NEWS2 against the Royal College of Physicians 2017 chart 1, band edge by band edge. */
class News2Test {

    private static final News2Inputs NORMAL = News2Inputs.NONE.withRespirationRate(16).withOxygenSaturation(97)
            .withOnOxygen(false).withSystolic(120).withPulse(70).withConsciousness(Consciousness.ALERT)
            .withTemperature(37.0);

    @ParameterizedTest
    @CsvSource({"8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3"})
    void respirationRateBands(double rr, int points) {
        assertThat(News2.score(NORMAL.withRespirationRate(rr)).total()).isEqualTo(points);
    }

    @ParameterizedTest
    @CsvSource({"91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
    void oxygenSaturationScale1Bands(double spo2, int points) {
        assertThat(News2.score(NORMAL.withOxygenSaturation(spo2)).total()).isEqualTo(points);
    }

    @ParameterizedTest
    @CsvSource({"90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3"})
    void systolicBands(double sbp, int points) {
        assertThat(News2.score(NORMAL.withSystolic(sbp)).total()).isEqualTo(points);
    }

    @ParameterizedTest
    @CsvSource({"40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3"})
    void pulseBands(double hr, int points) {
        assertThat(News2.score(NORMAL.withPulse(hr)).total()).isEqualTo(points);
    }

    @ParameterizedTest
    @CsvSource({"35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2",
            // read to one decimal, half up
            "38.04,0", "38.05,1", "35.04,3"})
    void temperatureBands(double t, int points) {
        assertThat(News2.score(NORMAL.withTemperature(t)).total()).isEqualTo(points);
    }

    @Test
    void oxygenScoresTwoAndAnyConsciousnessButAlertScoresThree() {
        assertThat(News2.score(NORMAL.withOnOxygen(true)).total()).isEqualTo(2);
        for (Consciousness c : Consciousness.values()) {
            assertThat(News2.score(NORMAL.withConsciousness(c)).total()).isEqualTo(c == Consciousness.ALERT ? 0 : 3);
        }
    }

    @Test
    void aDeterioratingPatient_addsUpEveryParameterAndIsHighRisk() {
        News2Inputs in = News2Inputs.NONE.withRespirationRate(22).withOxygenSaturation(95).withOnOxygen(true)
                .withSystolic(105).withPulse(115).withConsciousness(Consciousness.ALERT).withTemperature(38.5);
        News2Score s = News2.score(in);
        assertThat(s.subscores()).isEqualTo(Map.of(News2Parameter.RESPIRATION_RATE, 2,
                News2Parameter.OXYGEN_SATURATION, 1, News2Parameter.AIR_OR_OXYGEN, 2,
                News2Parameter.SYSTOLIC_BLOOD_PRESSURE, 1, News2Parameter.PULSE, 2, News2Parameter.CONSCIOUSNESS, 0,
                News2Parameter.TEMPERATURE, 1));
        assertThat(s.total()).isEqualTo(9);
        assertThat(s.risk()).isEqualTo(News2Score.Risk.HIGH);
        assertThat(s.partial()).isFalse();
    }

    @Test
    void riskBands_lowLowMediumMediumHigh() {
        assertThat(News2.score(NORMAL).risk()).isEqualTo(News2Score.Risk.LOW);
        assertThat(News2.score(NORMAL.withRespirationRate(25)).risk()).isEqualTo(News2Score.Risk.LOW_MEDIUM);
        assertThat(News2.score(NORMAL.withRespirationRate(25)).red()).isTrue();
        assertThat(News2.score(NORMAL.withRespirationRate(22).withOnOxygen(true).withPulse(95)).risk())
                .isEqualTo(News2Score.Risk.MEDIUM);
        assertThat(News2.score(NORMAL.withRespirationRate(25).withOnOxygen(true).withPulse(115)).risk())
                .isEqualTo(News2Score.Risk.HIGH);
    }

    @Test
    void missingInputs_makeAPartialScoreThatNamesThem() {
        News2Score s = News2.score(News2Inputs.NONE.withPulse(135).withOxygenSaturation(93));
        assertThat(s.partial()).isTrue();
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.missing()).containsExactlyInAnyOrder(News2Parameter.RESPIRATION_RATE,
                News2Parameter.AIR_OR_OXYGEN, News2Parameter.SYSTOLIC_BLOOD_PRESSURE, News2Parameter.CONSCIOUSNESS,
                News2Parameter.TEMPERATURE);
        assertThat(s.subscores()).doesNotContainKeys(News2Parameter.RESPIRATION_RATE);
    }
}
