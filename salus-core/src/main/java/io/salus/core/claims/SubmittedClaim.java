package io.salus.core.claims;

import io.salus.core.record.RecordId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the node reads from a provider's FHIR {@code Claim}: the ids of the accounts its references name (patient,
 * provider, payee if any), the coverage it is against, its items and the records it cites as evidence; and its
 * canonical JSON (what the digest is taken over).
 */
public record SubmittedClaim(String patientRef, String providerRef, Optional<String> payeeRef, UUID coverage,
        List<ClaimLine> lines, List<RecordId> evidence, byte[] canonical) {
    /** At most this many items, and this many evidence references. */
    public static final int MAX_LINES = 50;
    public static final int MAX_EVIDENCE = 50;

    public SubmittedClaim {
        Objects.requireNonNull(patientRef, "patientRef");
        Objects.requireNonNull(providerRef, "providerRef");
        Objects.requireNonNull(payeeRef, "payeeRef");
        Objects.requireNonNull(coverage, "coverage");
        lines = List.copyOf(lines);
        evidence = List.copyOf(evidence);
        canonical = canonical.clone();
    }

    @Override
    public byte[] canonical() {
        return canonical.clone();
    }
}
