package io.salus.core.usecase.emergency;

import io.salus.core.account.Account;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.Decision;
import io.salus.core.emergency.EmergencyCredentials;
import io.salus.core.error.Result;
import io.salus.core.port.PresentedAttestations;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.DecisionPoint;
import java.time.Instant;
import java.util.Optional;

/**
 * A responder's emergency credential as of the chain head: the decision point's view of the responder's attestations
 * (trusted issuers; presented credentials with their status lists re-read, fail closed) checked by
 * {@link EmergencyCredentials}; a provider whose own licence the node's policy refuses (revoked) is refused first.
 * Thread-safe.
 */
public final class ResponderCheck {
    private final ConsentSync sync;
    private final DecisionPoint decisionPoint;
    private final PresentedAttestations presented;

    public ResponderCheck(ConsentSync sync, DecisionPoint decisionPoint, PresentedAttestations presented) {
        this.sync = sync;
        this.decisionPoint = decisionPoint;
        this.presented = presented;
    }

    /** The block it was decided at, and the credential or why there is none. */
    public record Checked(long block, Result<Attestation> credential) {
    }

    public Checked check(Account responder, Instant at) {
        Optional<Decision> unlicensed = decisionPoint.licensing(responder, at).refusal();
        long block = sync.toHead();
        if (unlicensed.isPresent()) {
            Decision d = unlicensed.get();
            return new Checked(block, Result.fail(d.code().orElseThrow(), d.reason()));
        }
        return new Checked(block, EmergencyCredentials.check(decisionPoint.attestationsOf(responder.address(), block),
                presented.credentialBacked(responder.address()), at, block));
    }
}
