package io.salus.core.usecase.credential;

import io.salus.core.account.Account;
import io.salus.core.credential.NonceUse;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.CredentialStore;
import io.salus.core.port.CredentialVerifier;
import io.salus.core.usecase.consent.ConsentSync;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The verifier's side: single-use nonces issued to an authenticated caller for this node's audience, and presentations
 * verified against them. A verified presentation is stored with only what the holder disclosed; the decision point
 * then counts it as an attestation of its type for its disclosed purposes. Thread-safe.
 */
public final class Presentations {
    /** How long a nonce may be used, and so how old a presentation's key binding may be. */
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private final CredentialStore store;
    private final ConsentStore consents;
    private final ConsentSync sync;
    private final CredentialVerifier verifier;
    private final String audience;
    private final Clock clock;
    private final SecureRandom random;

    /** @param audience this node's identifier, the audience presentations must be bound to */
    public Presentations(CredentialStore store, ConsentStore consents, ConsentSync sync, CredentialVerifier verifier,
            String audience, Clock clock, SecureRandom random) {
        this.store = store;
        this.consents = consents;
        this.sync = sync;
        this.verifier = verifier;
        this.audience = audience;
        this.clock = clock;
        this.random = random;
    }

    /** A nonce for the caller's next presentation: the node's audience and until when it may be used. */
    public record Nonce(String nonce, String audience, Instant expiresAt) {
    }

    public Nonce nonce(Account caller) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Instant expires = clock.instant().plus(NONCE_LIFETIME);
        store.saveNonce(nonce, caller.address(), expires);
        return new Nonce(nonce, audience, expires);
    }

    public Result<PresentedCredential> present(Account caller, String presentation) {
        Instant now = clock.instant();
        sync.toHead();
        return verifier.verify(presentation, audience, now).flatMap(v -> {
            if (!v.subjectDid().equals(caller.did())) {
                return Result.fail(ErrorCode.HOLDER_MISMATCH, "the credential was issued to " + v.subjectDid());
            }
            if (OnChainRevocation.of(consents, caller.address(), v.issuer(), v.attestationId()).isPresent()) {
                return Result.fail(ErrorCode.CREDENTIAL_REVOKED,
                        "the issuer revoked the credential's on-chain attestation " + v.attestationId());
            }
            PresentedCredential p = stored(caller, v, now);
            NonceUse use = store.recordPresentation(v.nonce(), caller.address(), now, p);
            return switch (use) {
                case ACCEPTED -> Result.ok(p);
                case ALREADY_USED -> Result.fail(ErrorCode.PRESENTATION_REPLAYED,
                        "the nonce of this presentation was already used");
                case UNKNOWN -> Result.fail(ErrorCode.WRONG_NONCE,
                        "the nonce was not issued to this caller by this node, or it expired");
            };
        });
    }

    public List<PresentedCredential> of(Account holder) {
        return store.presentationsBy(holder.address());
    }

    private static PresentedCredential stored(Account caller, VerifiedPresentation v, Instant now) {
        return new PresentedCredential("urn:uuid:" + UUID.randomUUID(), v.credentialId(), caller.address(),
                v.issuer(), v.type(), v.purposes(), v.disclosedJson(), v.validFrom(), v.validUntil(), v.statusUri(),
                v.statusIndex(), v.attestationId(), now);
    }
}
