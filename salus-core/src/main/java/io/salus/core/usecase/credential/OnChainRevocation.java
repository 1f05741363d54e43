package io.salus.core.usecase.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.port.ConsentStore;
import java.util.Optional;

/**
 * Whether the on-chain attestation that records a credential was revoked (an issuer may revoke it directly with
 * {@code DELETE /attestations/{id}}): the block of the revocation, if the attestation with that id is the issuer's
 * attestation about the holder. Stateless and thread-safe.
 */
final class OnChainRevocation {
    private OnChainRevocation() {
    }

    static Optional<Long> of(ConsentStore consents, EvmAddress holder, EvmAddress issuer, long attestationId) {
        return consents.attestationsOf(holder).stream()
                .filter(a -> a.id() == attestationId && a.issuer().equals(issuer))
                .map(Attestation::revokedAtBlock).flatMap(Optional::stream).findFirst();
    }
}
