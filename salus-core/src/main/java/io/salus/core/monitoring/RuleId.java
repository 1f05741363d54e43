package io.salus.core.monitoring;

import java.util.Objects;

/** A rule's id within a patient's plan: 1-64 characters of lower-case letters, digits and hyphens. */
public record RuleId(String value) {
    public RuleId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a rule id is 1-64 of [a-z0-9-]: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
