package io.salus.core.cohort;

import java.util.Optional;

/** The comparators of a value {@link Threshold}, with their symbols in the criteria language. */
public enum Comparator {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual op bound} holds (IEEE comparison; {@code =} is exact equality). */
    public boolean test(double actual, double bound) {
        return switch (this) {
            case LT -> actual < bound;
            case LE -> actual <= bound;
            case GT -> actual > bound;
            case GE -> actual >= bound;
            case EQ -> actual == bound;
        };
    }

    public static Optional<Comparator> ofSymbol(String symbol) {
        for (Comparator c : values()) {
            if (c.symbol.equals(symbol)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
