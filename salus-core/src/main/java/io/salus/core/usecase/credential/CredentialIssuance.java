package io.salus.core.usecase.credential;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.CredentialTerms;
import io.salus.core.credential.HolderKey;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.credential.UnsignedCredential;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.CredentialSigner;
import io.salus.core.port.CredentialStore;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentSync;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Issuing and revoking verifiable credentials. An ISSUER account trusted on chain for the type issues to a subject
 * account and the holder's public key: the node reserves a status-list index, records the on-chain attestation (the
 * issuer-side record), and signs the credential with the issuer account's own key (decrypted only for the signature).
 * Revoking flips the status bit, re-signs the issuer's status list and revokes the on-chain attestation. Thread-safe.
 */
public final class CredentialIssuance {
    private final CredentialStore store;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final CredentialSigner signer;
    private final AttestationService attestations;
    private final ConsentStore consents;
    private final ConsentSync sync;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    /** @param baseUrl the node's public API address, for status list URIs */
    public CredentialIssuance(CredentialStore store, AccountStore accounts, KeyManager keys, CredentialSigner signer,
            AttestationService attestations, ConsentStore consents, ConsentSync sync, Clock clock,
            Supplier<String> baseUrl) {
        this.store = store;
        this.accounts = accounts;
        this.keys = keys;
        this.signer = signer;
        this.attestations = attestations;
        this.consents = consents;
        this.sync = sync;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * What the issuer asks for: {@code holderKey} is the holder's public JWK, {@code claims} are among
     * {@link CredentialTerms#OPTIONAL_CLAIMS}.
     */
    public record Request(Account subject, AttestationType type, Set<Purpose> purposes, Instant validUntil,
            Map<String, Object> holderKey, Map<String, Object> claims) {
    }

    /** The issued credential (signed, with every disclosure) and its issuer-side record. */
    public record Issued(IssuedCredential record, String sdJwt, String statusUri, List<String> disclosable) {
    }

    /** The status bit that was set, the attestation and the transaction that revoked it (if this call did). */
    public record Revoked(int statusIndex, Optional<Long> attestationId, Optional<String> attestationRevokeTx) {
    }

    public Result<Issued> issue(Account issuer, Request r) {
        Result<CredentialTerms> terms = CredentialTerms.of(r.type(), r.purposes(), r.validUntil(), r.claims(),
                clock.instant());
        if (!terms.isOk()) {
            return terms.propagate();
        }
        if (r.holderKey() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_HOLDER_KEY, "holderKey (a public JWK) is required",
                    "holderKey"));
        }
        return signer.holderKey(r.holderKey()).flatMap(holder -> issue(issuer, r.subject(), terms.orElseThrow(),
                holder));
    }

    private Result<Issued> issue(Account issuer, Account subject, CredentialTerms terms, HolderKey holder) {
        if (issuer.kind() != AccountKind.ISSUER) {
            return Result.fail(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER, "only ISSUER accounts issue credentials");
        }
        if (!signer.issues(terms.type())) {
            return Result.fail(ErrorCode.UNSUPPORTED_CREDENTIAL_TYPE,
                    terms.type() + " is not issued as a credential");
        }
        sync.toHead();
        if (!consents.trusts(issuer.address(), terms.type())) {
            return Result.fail(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER,
                    "the issuer is not trusted on chain (IssuerRegistry) for " + terms.type());
        }
        IssuedCredential reserved = store.reserve("urn:uuid:" + UUID.randomUUID(), issuer.address(),
                subject.address(), terms.type(), terms.issuedAt(), terms.expiresAt());
        var attested = attestations.attest(issuer, new Payloads.Attest(subject.address(), terms.type(),
                terms.purposeMask(), terms.issuedAt(), terms.expiresAt()));
        if (!attested.isOk()) {
            store.discard(reserved.id());
            return attested.propagate();
        }
        long attestationId = attested.orElseThrow().attestationId();
        store.linkAttestation(reserved.id(), attestationId);
        String uri = StatusLists.uri(baseUrl.get(), issuer.id());
        Map<String, Object> sd = terms.disclosable();
        UnsignedCredential credential = new UnsignedCredential(reserved.id(), terms.type(), issuer.did(),
                subject.did(), holder, terms.issuedAt(), terms.expiresAt(), uri, reserved.statusIndex(),
                attestationId, sd);
        return withIssuerKey(issuer, key -> {
            if (store.statusList(issuer.address()).isEmpty()) {
                publish(issuer, uri, key, terms.issuedAt());
            }
            return signer.sign(credential, key);
        }).map(jwt -> new Issued(store.credential(reserved.id()).orElseThrow(), jwt, uri, List.copyOf(sd.keySet())));
    }

    /** Revokes a credential of {@code issuer}; the on-chain attestation is revoked too, unless it already is. */
    public Result<Revoked> revoke(Account issuer, String credentialId) {
        Optional<IssuedCredential> c = store.credential(credentialId);
        if (c.isEmpty()) {
            return Result.fail(ErrorCode.CREDENTIAL_NOT_FOUND, "no credential " + credentialId);
        }
        if (!c.get().issuer().equals(issuer.address())) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the credential's issuer revokes it");
        }
        Instant now = clock.instant();
        store.markRevoked(credentialId, now);
        Result<String> published = withIssuerKey(issuer,
                key -> publish(issuer, StatusLists.uri(baseUrl.get(), issuer.id()), key, now));
        if (!published.isOk()) {
            return published.propagate();
        }
        Optional<Long> att = c.get().attestationId();
        boolean onChainRevoked = att.isPresent() && attestations.of(c.get().subject()).stream()
                .filter(a -> a.id() == att.get()).anyMatch(a -> a.revokedAtBlock().isPresent());
        if (att.isEmpty() || onChainRevoked) {
            return Result.ok(new Revoked(c.get().statusIndex(), att, Optional.empty()));
        }
        return attestations.revoke(issuer, att.get())
                .map(tx -> new Revoked(c.get().statusIndex(), att, Optional.of(tx.txHash())));
    }

    public Optional<IssuedCredential> find(String credentialId) {
        return store.credential(credentialId);
    }

    private synchronized String publish(Account issuer, String uri, byte[] key, Instant now) {
        String token = signer.signStatusList(store.revokedIndexes(issuer.address()), uri, issuer.did(), now, key);
        store.saveStatusList(issuer.address(), token, now);
        return token;
    }

    private <T> Result<T> withIssuerKey(Account issuer, Function<byte[], T> use) {
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(issuer.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for the issuer");
        }
        return keys.unsealSigningKey(issuer.address(), sealed.get().signingPrivateKey()).map(key -> {
            try {
                return use.apply(key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }
}
