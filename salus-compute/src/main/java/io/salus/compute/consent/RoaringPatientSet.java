package io.salus.compute.consent;

import io.salus.core.consent.PatientSet;
import org.roaringbitmap.RoaringBitmap;

/** An immutable snapshot of patient ordinals backed by a {@link RoaringBitmap} nobody else holds. Thread-safe. */
public final class RoaringPatientSet implements PatientSet {
    private final RoaringBitmap bits;

    RoaringPatientSet(RoaringBitmap owned) {
        this.bits = owned;
    }

    /** A set over bits the caller hands over and no longer touches. */
    public static RoaringPatientSet owning(RoaringBitmap owned) {
        return new RoaringPatientSet(owned);
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

    /** A copy of the bits, for set algebra with other cohorts (intersections with a study's selection...). */
    public RoaringBitmap toBitmap() {
        return bits.clone();
    }
}
