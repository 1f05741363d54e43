package io.salus.fhir.deid;

import java.util.Objects;

/**
 * What the caller fixes for one patient's de-identification: the id of their Patient resource in the package (a
 * FHIR id, at most 64 characters of {@code [A-Za-z0-9.-]}) and their date shift in days, in [-182, +182].
 */
public record PatientOptions(String pseudonym, int shiftDays) {
    public PatientOptions {
        Objects.requireNonNull(pseudonym, "pseudonym");
        if (!pseudonym.matches("[A-Za-z0-9.\\-]{1,64}")) {
            throw new IllegalArgumentException("a patient pseudonym is a FHIR id");
        }
        if (Math.abs(shiftDays) > DateShifts.MAX_SHIFT_DAYS) {
            throw new IllegalArgumentException("a date shift is within ±" + DateShifts.MAX_SHIFT_DAYS + " days");
        }
    }
}
