package io.salus.core.usecase.credential;

import io.salus.core.account.Account;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Decision;
import io.salus.core.credential.Licences;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.ProviderAdmission;
import io.salus.core.usecase.consent.DecisionPoint;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Provider credentialing: a board trusted on chain issues a licence credential (SD-JWT VC with a status-list bit) to a
 * physician, pharmacy or hospital; the provider presents it at sign-up, where it is verified and must be the licence
 * of the provider's kind; afterwards every deposit and every read re-checks the standing at the chain head (the
 * decision point's policy): a revoked licence stops the provider, a missing one too where the node requires licences.
 * Thread-safe.
 */
public final class ProviderLicences {
    private final Presentations presentations;
    private final DecisionPoint decisionPoint;
    private final Clock clock;

    public ProviderLicences(Presentations presentations, DecisionPoint decisionPoint, Clock clock) {
        this.presentations = presentations;
        this.decisionPoint = decisionPoint;
        this.clock = clock;
    }

    /** Deposits' admission: the decision point's licence policy for providers, at the chain head, on every use. */
    public static ProviderAdmission admission(DecisionPoint decisionPoint, Clock clock) {
        return provider -> Licences.requiredFor(provider.kind()).isEmpty()
                ? Optional.empty()
                : decisionPoint.licensing(provider, clock.instant()).refusal()
                        .map(d -> Failure.of(d.code().orElseThrow(), d.reason()));
    }

    /**
     * The marketplace's rule for the PROVIDER role: a provider that authored a cohort member's records is paid its
     * share only while the node's licence policy lets it act, and, when the marketplace requires a licence for the
     * role ({@code licenceRequired}), only with a presented, valid licence of its kind. A provider left out leaves
     * its part to the patient (the split's rule for a patient without providers).
     */
    public static Predicate<Account> payable(DecisionPoint decisionPoint, Clock clock, boolean licenceRequired) {
        return provider -> {
            DecisionPoint.Licensing l = decisionPoint.licensing(provider, clock.instant());
            return l.refusal().isEmpty()
                    && (!licenceRequired || l.checked().standing() == Licences.Standing.LICENSED);
        };
    }

    /** A provider's standing and the licence it rests on, and whether the node's policy lets it act. */
    public record Status(Licences.Standing standing, Optional<AttestationType> licence, Optional<Long> attestationId,
            boolean mayAct, Optional<ErrorCode> refusal) {
    }

    /** Sign-up: verifies the presented licence (as any presentation) and checks it is the provider's kind. */
    public Result<Status> signUp(Account provider, String presentation) {
        Optional<AttestationType> needed = Licences.requiredFor(provider.kind());
        if (needed.isEmpty()) {
            return Result.fail(ErrorCode.NOT_A_PROVIDER, provider.kind() + " accounts hold no licence");
        }
        Result<PresentedCredential> presented = presentations.present(provider, presentation);
        if (!presented.isOk()) {
            return presented.propagate();
        }
        if (presented.orElseThrow().type() != needed.get()) {
            return Result.fail(ErrorCode.LICENCE_WRONG_KIND, "a " + provider.kind() + " presents a " + needed.get()
                    + ", not a " + presented.orElseThrow().type());
        }
        return Result.ok(status(provider));
    }

    public Status status(Account provider) {
        DecisionPoint.Licensing l = decisionPoint.licensing(provider, clock.instant());
        return new Status(l.checked().standing(), l.checked().licence().map(Attestation::type),
                l.checked().licence().map(Attestation::id), l.refusal().isEmpty(),
                l.refusal().flatMap(Decision::code));
    }
}
