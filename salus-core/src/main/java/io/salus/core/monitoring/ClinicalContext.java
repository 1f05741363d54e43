package io.salus.core.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The NEWS2 inputs no device reports: whether the patient is on supplemental oxygen and their consciousness (ACVPU),
 * as last recorded by the patient, a carer or a clinician, and when.
 */
public record ClinicalContext(Optional<Boolean> onOxygen, Optional<Consciousness> consciousness,
        Optional<Instant> recordedAt) {
    public static final ClinicalContext UNKNOWN = new ClinicalContext(Optional.empty(), Optional.empty(),
            Optional.empty());

    public ClinicalContext {
        Objects.requireNonNull(onOxygen, "onOxygen");
        Objects.requireNonNull(consciousness, "consciousness");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public static ClinicalContext recorded(boolean onOxygen, Consciousness consciousness, Instant at) {
        return new ClinicalContext(Optional.of(onOxygen), Optional.of(consciousness), Optional.of(at));
    }

    /** The context if it was recorded at or after {@code notBefore}, otherwise unknown. */
    ClinicalContext freshSince(Instant notBefore) {
        return recordedAt.filter(t -> !t.isBefore(notBefore)).isPresent() ? this : UNKNOWN;
    }
}
