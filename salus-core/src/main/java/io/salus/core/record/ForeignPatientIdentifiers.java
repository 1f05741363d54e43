package io.salus.core.record;

import io.salus.core.error.SalusException;

/**
 * A deposit's Patient carried identifiers, the patient's earlier deposits carried identifiers too, and none is shared:
 * the bundle is about someone else. The store checks this in the statement that writes the deposit (decision 0042);
 * nothing was stored.
 */
public final class ForeignPatientIdentifiers extends SalusException {
    private static final long serialVersionUID = 1L;

    public ForeignPatientIdentifiers(String message) {
        super(message);
    }
}
