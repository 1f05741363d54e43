package io.salus.compute.cohort;

import io.salus.core.consent.PatientSet;
import org.roaringbitmap.RoaringBitmap;

/** A cohort as a {@link PatientSet}, over a bitmap nobody else holds. Thread-safe (never modified). */
public final class BitmapPatientSet implements PatientSet {
    private final RoaringBitmap bits;

    BitmapPatientSet(RoaringBitmap owned) {
        this.bits = owned;
    }

    @Override
    public boolean contains(int patientOrdinal) {
        return bits.contains(patientOrdinal);
    }

    @Override
    public long cardinality() {
        return bits.getLongCardinality();
    }

    @Override
    public int[] toArray() {
        return bits.toArray();
    }

    /** A copy of the bits, for set algebra (with the consent index's sets, say). */
    public RoaringBitmap toBitmap() {
        return bits.clone();
    }

    RoaringBitmap bits() {
        return bits;
    }
}
