package io.salus.core.credential;

import io.salus.core.consent.Decision;
import io.salus.core.error.ErrorCode;
import java.util.Optional;

/**
 * What a provider's licence standing means for its reads and deposits: a revoked licence always stops the provider
 * ({@code LICENCE_REVOKED}); with {@code required}, a provider without a presented, valid licence of its kind is
 * stopped too ({@code LICENCE_REQUIRED}). {@link #NONE} checks nothing (the decision point without credentialing).
 */
public record LicencePolicy(boolean enforced, boolean required) {
    public static final LicencePolicy NONE = new LicencePolicy(false, false);

    /** The node's policy: revoked licences always stop a provider; missing ones only if {@code required}. */
    public static LicencePolicy of(boolean required) {
        return new LicencePolicy(true, required);
    }

    /** The denial a provider of this standing gets, if any. */
    public Optional<Decision> refusal(Licences.Standing standing) {
        if (!enforced) {
            return Optional.empty();
        }
        return switch (standing) {
            case REVOKED -> Optional.of(Decision.deny(ErrorCode.LICENCE_REVOKED,
                    "the provider's licence was revoked by its board"));
            case UNLICENSED -> required
                    ? Optional.of(Decision.deny(ErrorCode.LICENCE_REQUIRED,
                            "this node requires providers to present a valid licence of their kind"))
                    : Optional.empty();
            case LICENSED, NOT_A_PROVIDER -> Optional.empty();
        };
    }
}
