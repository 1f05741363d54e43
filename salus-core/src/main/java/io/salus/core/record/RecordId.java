package io.salus.core.record;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public record RecordId(UUID value) {
    public RecordId {
        Objects.requireNonNull(value, "value");
    }

    public static RecordId random() {
        return new RecordId(UUID.randomUUID());
    }

    public static Optional<RecordId> parse(String s) {
        try {
            return Optional.of(new RecordId(UUID.fromString(s)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
