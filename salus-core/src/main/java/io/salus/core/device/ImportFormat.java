package io.salus.core.device;

import java.util.Locale;
import java.util.Optional;

/** The exports a patient may import readings from, named as the API and the CLI name them. */
public enum ImportFormat {
    /** Apple Health's {@code export.xml} (the Health app's "Export All Health Data"). */
    APPLE_HEALTH("apple-health"),
    /** A FHIR R4 Bundle (JSON) of Observations, as phone apps export them. */
    FHIR_BUNDLE("fhir-bundle");

    private final String id;

    ImportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ImportFormat> parse(String s) {
        for (ImportFormat f : values()) {
            if (f.id.equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
