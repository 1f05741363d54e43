package io.salus.core.cohort;

import java.util.List;

/**
 * A code present in the node's feature store, as the cohort builder offers it: the kind of record it appears in, the
 * code system (its alias in the criteria language, {@code loinc}, as the {@link CodeCatalog} lists it; its URI as a
 * {@link io.salus.core.port.CodeSource} reads it), the code and, for observations, the units its values are recorded
 * in. No counts: the catalog says which codes its differentially private release lists, never how many patients
 * have them.
 */
public record CodeEntry(FeatureKind kind, String system, String code, List<String> units) {

    public CodeEntry {
        units = List.copyOf(units);
    }

    /** The value a form posts for this code: {@code kind|system|code}. */
    public String key() {
        return kind.key() + "|" + system + "|" + code;
    }
}
