package io.salus.core.claims;

import io.salus.core.consent.Decision;
import io.salus.core.record.RecordId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What adjudication knows beside the claim: the coverage it is against, whether the provider holds a presented, valid
 * licence now, each cited record's standing (held by the patient? the consent decision for the insurer, purpose
 * HPAYMT) and what the coverage has already approved per service.
 */
public record ClaimFacts(CoveragePlan coverage, boolean providerLicensed, List<Evidence> evidence,
        Map<String, Long> approvedSoFar) {
    public ClaimFacts {
        Objects.requireNonNull(coverage, "coverage");
        evidence = List.copyOf(evidence);
        approvedSoFar = Map.copyOf(approvedSoFar);
    }

    /** One cited record: absent (not the patient's), or the patient's with the insurer's consent decision. */
    public record Evidence(RecordId record, Optional<Decision> consent) {
        public static Evidence missing(RecordId record) {
            return new Evidence(record, Optional.empty());
        }

        public boolean held() {
            return consent.isPresent();
        }

        public boolean consented() {
            return consent.map(Decision::permitted).orElse(false);
        }
    }
}
