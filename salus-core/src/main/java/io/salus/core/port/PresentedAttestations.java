package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import java.util.List;
import java.util.Set;

/**
 * Attestations that come from verifiable credentials: an on-chain attestation that records an issued credential
 * counts only once its holder has presented the credential, and then for the purposes the holder disclosed. Thread-safe.
 */
public interface PresentedAttestations {

    /** No credentials: on-chain attestations count as they are. */
    PresentedAttestations NONE = new PresentedAttestations() {
        @Override
        public Set<Long> credentialBacked(EvmAddress subject) {
            return Set.of();
        }

        @Override
        public List<Attestation> presentedBy(EvmAddress holder, long block) {
            return List.of();
        }
    };

    /** Ids of the on-chain attestations that record credentials issued to {@code subject}. */
    Set<Long> credentialBacked(EvmAddress subject);

    /**
     * The holder's verified presentations as attestations (their issuer, type, disclosed purposes and the credential's
     * validity); one whose credential is revoked in its issuer's status list carries a revocation at {@code block}.
     */
    List<Attestation> presentedBy(EvmAddress holder, long block);
}
