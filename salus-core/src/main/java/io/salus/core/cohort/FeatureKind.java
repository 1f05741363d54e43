package io.salus.core.cohort;

import java.util.Locale;
import java.util.Optional;

/** The kinds of clinical facts cohorts are described by; {@link #key} is the name used in the criteria JSON. */
public enum FeatureKind {
    CONDITION,
    MEDICATION,
    OBSERVATION,
    PROCEDURE,
    IMMUNIZATION;

    /** The lower-case name used in the criteria language ({@code "condition"}...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by a criteria key, exactly as {@link #key} spells it. */
    public static Optional<FeatureKind> ofKey(String key) {
        for (FeatureKind k : values()) {
            if (k.key().equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
