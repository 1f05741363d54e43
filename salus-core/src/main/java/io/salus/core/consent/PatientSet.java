package io.salus.core.consent;

/** A set of patients by dense ordinal (see {@link io.salus.core.port.ConsentIndex#ordinal}), for bulk evaluation. */
public interface PatientSet {
    boolean contains(int patientOrdinal);

    long cardinality();

    /** The ordinals in ascending order. */
    int[] toArray();
}
