package io.salus.core.record;

import io.salus.core.error.SalusException;

/**
 * A deposit's data keys were wrapped to a patient key that is no longer the account's (a key recovery rotated it
 * between sealing and committing). Nothing was stored; sealing again to the current key succeeds.
 */
public final class PatientKeyChanged extends SalusException {
    private static final long serialVersionUID = 1L;

    public PatientKeyChanged(String message) {
        super(message);
    }
}
