package io.salus.node.credential;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.CredentialStore;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.crypto.credential.CredentialDraft;
import io.salus.crypto.credential.CredentialIssuer;
import io.salus.crypto.credential.CredentialKind;
import io.salus.crypto.credential.StatusList;
import io.salus.crypto.credential.StatusListToken;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Issuing and revoking SD-JWT VCs. An ISSUER account trusted on chain for the type issues to a subject account and
 * the holder's public key: the node reserves a status-list index, records the on-chain attestation (the issuer-side
 * record), and signs the credential with the issuer account's own key (decrypted only for the signature). Revoking
 * flips the status bit, re-signs the issuer's status list and revokes the on-chain attestation. Thread-safe.
 */
public final class CredentialIssuance {
    /** The claims an issuer may add besides type and purposes (each selectively disclosable). */
    public static final Set<String> OPTIONAL_CLAIMS = Set.of("organisation", "name", "licence_number",
            "ethics_approval");
    private final CredentialStore store;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final AttestationService attestations;
    private final ConsentStore consents;
    private final ConsentSync sync;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    public CredentialIssuance(CredentialStore store, AccountStore accounts, KeyManager keys,
            AttestationService attestations, ConsentStore consents, ConsentSync sync, Clock clock,
            Supplier<String> baseUrl) {
        this.store = store;
        this.accounts = accounts;
        this.keys = keys;
        this.attestations = attestations;
        this.consents = consents;
        this.sync = sync;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** What the issuer asks for. {@code claims} are among {@link #OPTIONAL_CLAIMS}. */
    public record Request(Account subject, AttestationType type, Set<Purpose> purposes, Instant validUntil,
            ECKey holderKey, Map<String, Object> claims) {
    }

    /** The issued SD-JWT (issuer-signed JWT and every disclosure) and its issuer-side record. */
    public record Issued(IssuedCredential record, String sdJwt, String statusUri, List<String> disclosable) {
    }

    public Result<Issued> issue(Account issuer, Request r) {
        if (issuer.kind() != AccountKind.ISSUER) {
            return Result.fail(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER, "only ISSUER accounts issue credentials");
        }
        Optional<CredentialKind> kind = CredentialKind.of(r.type());
        if (kind.isEmpty()) {
            return Result.fail(ErrorCode.UNSUPPORTED_CREDENTIAL_TYPE, r.type() + " is not issued as a credential");
        }
        sync.toHead();
        if ((consents.trustedTypes(issuer.address()) & r.type().mask()) == 0) {
            return Result.fail(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER,
                    "the issuer is not trusted on chain (IssuerRegistry) for " + r.type());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = r.validUntil().truncatedTo(ChronoUnit.SECONDS);
        if (!until.isAfter(now) || r.purposes().isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "a credential needs purposes and a future validUntil");
        }
        IssuedCredential reserved = store.reserve("urn:uuid:" + UUID.randomUUID(), issuer.address(),
                r.subject().address(), r.type(), now, until);
        var attested = attestations.attest(issuer, new Payloads.Attest(r.subject().address(), r.type(),
                Purpose.maskOf(r.purposes()), now, until));
        if (!attested.isOk()) {
            store.discard(reserved.id());
            return Result.fail(attested.failure());
        }
        long attestationId = attested.orElseThrow().attestationId();
        store.linkAttestation(reserved.id(), attestationId);
        String uri = StatusLists.uri(baseUrl.get(), issuer.id());
        Map<String, Object> sd = new LinkedHashMap<>();
        if (r.type().isConsumerType()) {
            sd.put("consumer_type", r.type().name());
        }
        sd.put("purposes", r.purposes().stream().map(Purpose::name).toList());
        sd.putAll(r.claims());
        CredentialDraft draft = new CredentialDraft(reserved.id(), kind.get(), issuer.did(), r.subject().did(),
                r.holderKey(), now, until, uri, reserved.statusIndex(), attestationId, sd);
        return withIssuerKey(issuer, key -> {
            if (store.statusList(issuer.address()).isEmpty()) {
                publish(issuer, uri, key, now);
            }
            return CredentialIssuer.issue(draft, key);
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
            return Result.fail(published.failure());
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

    /** The status bit that was set, the attestation and the transaction that revoked it (if this call did). */
    public record Revoked(int statusIndex, Optional<Long> attestationId, Optional<String> attestationRevokeTx) {
    }

    public Optional<IssuedCredential> find(String credentialId) {
        return store.credential(credentialId);
    }

    /** The attestations this node projected for a subject (for views). */
    public List<Attestation> attestationsOf(Account subject) {
        return attestations.of(subject.address());
    }

    private synchronized String publish(Account issuer, String uri, byte[] key, Instant now) {
        String token = StatusListToken.sign(StatusList.of(store.revokedIndexes(issuer.address())), uri, issuer.did(),
                now, key);
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
