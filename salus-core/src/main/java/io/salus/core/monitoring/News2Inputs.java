package io.salus.core.monitoring;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of NEWS2, each possibly unknown: respiration rate (/min), SpO2 (%, scale 1), whether the patient is on
 * supplemental oxygen, systolic blood pressure (mm Hg), pulse (/min), consciousness (ACVPU) and temperature (°C).
 */
public record News2Inputs(Optional<Double> respirationRate, Optional<Double> oxygenSaturation,
        Optional<Boolean> onOxygen, Optional<Double> systolic, Optional<Double> pulse,
        Optional<Consciousness> consciousness, Optional<Double> temperature) {

    public static final News2Inputs NONE = new News2Inputs(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public News2Inputs {
        Objects.requireNonNull(respirationRate, "respirationRate");
        Objects.requireNonNull(oxygenSaturation, "oxygenSaturation");
        Objects.requireNonNull(onOxygen, "onOxygen");
        Objects.requireNonNull(systolic, "systolic");
        Objects.requireNonNull(pulse, "pulse");
        Objects.requireNonNull(consciousness, "consciousness");
        Objects.requireNonNull(temperature, "temperature");
    }

    public News2Inputs withRespirationRate(double v) {
        return new News2Inputs(Optional.of(v), oxygenSaturation, onOxygen, systolic, pulse, consciousness,
                temperature);
    }

    public News2Inputs withOxygenSaturation(double v) {
        return new News2Inputs(respirationRate, Optional.of(v), onOxygen, systolic, pulse, consciousness,
                temperature);
    }

    public News2Inputs withOnOxygen(boolean v) {
        return new News2Inputs(respirationRate, oxygenSaturation, Optional.of(v), systolic, pulse, consciousness,
                temperature);
    }

    public News2Inputs withSystolic(double v) {
        return new News2Inputs(respirationRate, oxygenSaturation, onOxygen, Optional.of(v), pulse, consciousness,
                temperature);
    }

    public News2Inputs withPulse(double v) {
        return new News2Inputs(respirationRate, oxygenSaturation, onOxygen, systolic, Optional.of(v), consciousness,
                temperature);
    }

    public News2Inputs withConsciousness(Consciousness v) {
        return new News2Inputs(respirationRate, oxygenSaturation, onOxygen, systolic, pulse, Optional.of(v),
                temperature);
    }

    public News2Inputs withTemperature(double v) {
        return new News2Inputs(respirationRate, oxygenSaturation, onOxygen, systolic, pulse, consciousness,
                Optional.of(v));
    }
}
