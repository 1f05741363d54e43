package io.salus.core.cohort;

import java.util.Objects;

/**
 * How many consenting patients count in one partition of the code catalogue: a code of a kind in a system, in one unit
 * ({@code ""} for values without a unit and for codes without values). A contribution-bounded exact count, never
 * released as such ({@link CatalogRelease} adds noise).
 */
public record CodeCount(FeatureKind kind, String system, String code, String unit, long patients) {
    public CodeCount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
        if (patients < 0) {
            throw new IllegalArgumentException("negative count " + patients);
        }
    }
}
