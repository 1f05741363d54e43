package io.salus.crypto.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.credential.StatusBits;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.Result;
import io.salus.core.port.CredentialVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * {@link CredentialVerifier} for SD-JWT+KB presentations ({@link PresentationVerifier}) and Token Status List tokens
 * ({@link StatusListToken}). Thread-safe.
 */
public final class SdJwtCredentialVerifier implements CredentialVerifier {
    private final PresentationVerifier presentations;

    /**
     * @param maxKeyBindingAge how old a presentation's key binding may be
     * @param statusTokens the status list token published at a URI (read locally, never fetched over the network)
     * @param trusted whether an issuer address is trusted on chain for an attestation type
     */
    public SdJwtCredentialVerifier(Duration maxKeyBindingAge, Function<String, Optional<String>> statusTokens,
            BiPredicate<EvmAddress, AttestationType> trusted) {
        this.presentations = new PresentationVerifier(maxKeyBindingAge, statusTokens, trusted);
    }

    @Override
    public Result<VerifiedPresentation> verify(String presentation, String audience, Instant now) {
        return presentations.verify(presentation, audience, now);
    }

    @Override
    public Optional<StatusBits> statusList(String token, String uri, EvmAddress issuer) {
        return StatusListToken.verify(token, uri, issuer).map(list -> list);
    }
}
