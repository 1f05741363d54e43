package io.salus.core.device;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A registered device: a UUID the node assigns when the device is registered. */
public record DeviceId(UUID value) {
    public DeviceId {
        Objects.requireNonNull(value, "value");
    }

    public static Optional<DeviceId> parse(String s) {
        try {
            return Optional.of(new DeviceId(UUID.fromString(s)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
