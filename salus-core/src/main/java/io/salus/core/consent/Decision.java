package io.salus.core.consent;

import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consent decision: permit or deny, why, and (for a permit) the grant or delegation it rests on. Decisions combine
 * deny-overrides: any deny wins; no applicable permit is a deny ({@link ErrorCode#NO_CONSENT}).
 */
public record Decision(Effect effect, Optional<ErrorCode> code, String reason, Optional<Long> grantId,
        Basis basis) {

    public enum Effect {
        PERMIT,
        DENY
    }

    /** What a permit rests on. */
    public enum Basis {
        GRANT,
        DELEGATION,
        /** An emergency (break-the-glass) access on a responder's credential, without a grant. */
        BREAK_GLASS,
        NONE
    }

    public Decision {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(reason, "reason");
        if (effect == Effect.DENY && code.isEmpty()) {
            throw new IllegalArgumentException("a deny carries an error code");
        }
    }

    public static Decision permitByGrant(long grantId, String reason) {
        return new Decision(Effect.PERMIT, Optional.empty(), reason, Optional.of(grantId), Basis.GRANT);
    }

    public static Decision permitByDelegation(String reason) {
        return new Decision(Effect.PERMIT, Optional.empty(), reason, Optional.empty(), Basis.DELEGATION);
    }

    public static Decision permitBreakGlass(String reason) {
        return new Decision(Effect.PERMIT, Optional.empty(), reason, Optional.empty(), Basis.BREAK_GLASS);
    }

    public static Decision deny(ErrorCode code, String reason) {
        return new Decision(Effect.DENY, Optional.of(code), reason, Optional.empty(), Basis.NONE);
    }

    public boolean permitted() {
        return effect == Effect.PERMIT;
    }

    /** Deny-overrides: the first deny if any; else the first permit; an empty list is a deny (default deny). */
    public static Decision combine(List<Decision> decisions) {
        Optional<Decision> deny = decisions.stream().filter(d -> !d.permitted()).findFirst();
        if (deny.isPresent()) {
            return deny.get();
        }
        return decisions.stream().findFirst()
                .orElse(deny(ErrorCode.NO_CONSENT, "no grant applies (default deny)"));
    }
}
