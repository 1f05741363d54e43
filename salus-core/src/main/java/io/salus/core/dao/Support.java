package io.salus.core.dao;

import java.util.Locale;
import java.util.Optional;

/** Which way a member votes (Governor Bravo's order: the value is what the governor takes). */
public enum Support {
    AGAINST,
    FOR,
    ABSTAIN;

    public int value() {
        return ordinal();
    }

    public static Optional<Support> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
