package io.salus.core.monitoring;

/** The seven parameters of NEWS2 (Royal College of Physicians 2017), in the chart's order. */
public enum News2Parameter {
    RESPIRATION_RATE,
    OXYGEN_SATURATION,
    AIR_OR_OXYGEN,
    SYSTOLIC_BLOOD_PRESSURE,
    PULSE,
    CONSCIOUSNESS,
    TEMPERATURE
}
