package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.credential.NonceUse;
import io.salus.core.credential.PresentedCredential;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issued credentials, issuers' status lists, presentation nonces and verified presentations. Thread-safe.
 */
public interface CredentialStore {

    /** Records a credential about to be issued, with the issuer's next free status-list index. */
    IssuedCredential reserve(String id, EvmAddress issuer, EvmAddress subject, AttestationType type,
            Instant issuedAt, Instant expiresAt);

    /** Links the on-chain attestation that records the credential. */
    void linkAttestation(String id, long attestationId);

    /** Forgets a reservation whose issuance failed (its status index is not reused). */
    void discard(String id);

    Optional<IssuedCredential> credential(String id);

    /** Marks the credential revoked (idempotent: the first revocation time stays). */
    void markRevoked(String id, Instant at);

    /** The status-list indexes of the issuer's revoked credentials. */
    BitSet revokedIndexes(EvmAddress issuer);

    /** Stores the issuer's current signed status list token. */
    void saveStatusList(EvmAddress issuer, String token, Instant at);

    Optional<String> statusList(EvmAddress issuer);

    /** The on-chain attestation ids that record credentials issued to {@code subject}. */
    Set<Long> credentialAttestations(EvmAddress subject);

    void saveNonce(String nonce, EvmAddress account, Instant expiresAt);

    /**
     * Uses the nonce for {@code account} and, only if it was accepted, stores the presentation, in one transaction.
     */
    NonceUse recordPresentation(String nonce, EvmAddress account, Instant now, PresentedCredential presentation);

    List<PresentedCredential> presentationsBy(EvmAddress holder);
}
