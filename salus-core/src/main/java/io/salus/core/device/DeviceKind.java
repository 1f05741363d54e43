package io.salus.core.device;

import java.util.Locale;
import java.util.Optional;

/** What kind of device a registration is for. Informational: what it may report is its registered codes. */
public enum DeviceKind {
    BLOOD_PRESSURE_MONITOR,
    PULSE_OXIMETER,
    GLUCOSE_METER,
    CONTINUOUS_GLUCOSE_MONITOR,
    THERMOMETER,
    WEARABLE,
    MULTIPARAMETER_MONITOR;

    public static Optional<DeviceKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
