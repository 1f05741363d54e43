package io.salus.core.account;

import java.util.Locale;
import java.util.Optional;

/**
 * Who holds a patient's private keys. {@link #AGENT}: the node generates them and keeps them sealed under its KEK, and
 * signs for the patient as their entrusted agent ("your bank signs for you"). {@link #SELF}: the keys are generated on
 * the patient's device and never reach the node, which keeps only the public halves (docs/custody.md).
 */
public enum CustodyMode {
    AGENT,
    SELF;

    /** Parses {@code agent} or {@code self} (any case). */
    public static Optional<CustodyMode> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "agent" -> Optional.of(AGENT);
            case "self" -> Optional.of(SELF);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
