package io.salus.core.cohort;

import java.util.Map;
import java.util.Optional;

/**
 * The code systems cohorts can be described in, named by their FHIR system URIs, with short aliases for the criteria
 * language. Features in other systems are not extracted. Thread-safe (constants only).
 */
public final class CodeSystems {
    public static final String SNOMED_CT = "http://snomed.info/sct";
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String LOINC = "http://loinc.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";

    /** Alias to URI, in the order the documentation lists them. */
    public static final Map<String, String> ALIASES = Map.of("snomed", SNOMED_CT, "icd10cm", ICD_10_CM, "loinc",
            LOINC, "rxnorm", RXNORM, "cvx", CVX);

    private CodeSystems() {
    }

    /** The system URI named by an alias or a URI (exact spelling), or empty if the system is not supported. */
    public static Optional<String> resolve(String aliasOrUri) {
        if (aliasOrUri == null) {
            return Optional.empty();
        }
        String uri = ALIASES.get(aliasOrUri);
        if (uri != null) {
            return Optional.of(uri);
        }
        return ALIASES.containsValue(aliasOrUri) ? Optional.of(aliasOrUri) : Optional.empty();
    }

    /** The alias of a system URI (the URI itself when it has none). */
    public static String alias(String uri) {
        for (Map.Entry<String, String> e : ALIASES.entrySet()) {
            if (e.getValue().equals(uri)) {
                return e.getKey();
            }
        }
        return uri;
    }

    /** Whether features in this system URI are kept. */
    public static boolean supported(String uri) {
        return uri != null && ALIASES.containsValue(uri);
    }
}
