package io.salus.core.port;

import io.salus.core.claims.Adjudication;
import io.salus.core.claims.SubmittedClaim;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.UUID;

/** FHIR R4 for claims: a provider's {@code Claim} read and validated, the node's {@code ClaimResponse} written. */
public interface ClaimFhir {
    /** The claim in {@code json}, strictly parsed and valid FHIR R4; else INVALID_FHIR or CLAIM_INVALID. */
    Result<SubmittedClaim> parse(byte[] json);

    /**
     * The ClaimResponse for the claim {@code claimId} from the insurer with account id {@code insurer} (FHIR R4 JSON):
     * outcome, disposition, adjudication lines with their reasons, totals.
     */
    byte[] response(UUID claimId, SubmittedClaim claim, String insurer, Adjudication adjudication, Instant at);
}
