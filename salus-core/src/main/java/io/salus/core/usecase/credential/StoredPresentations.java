package io.salus.core.usecase.credential;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.credential.StatusBits;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.CredentialStore;
import io.salus.core.port.CredentialVerifier;
import io.salus.core.port.PresentedAttestations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verified presentations as the decision point's attestations. Every call re-reads each credential's status from the
 * issuer-signed status list token (locally): a set bit makes the attestation revoked, and so does a revocation of the
 * credential's on-chain attestation by its issuer; a list that cannot be confirmed stops the decision
 * ({@code STATUS_LIST_UNAVAILABLE}, fail closed). Thread-safe.
 */
public final class StoredPresentations implements PresentedAttestations {
    private final CredentialStore store;
    private final StatusLists lists;
    private final CredentialVerifier verifier;
    private final ConsentStore consents;

    public StoredPresentations(CredentialStore store, StatusLists lists, CredentialVerifier verifier,
            ConsentStore consents) {
        this.store = store;
        this.lists = lists;
        this.verifier = verifier;
        this.consents = consents;
    }

    @Override
    public Set<Long> credentialBacked(EvmAddress subject) {
        return store.credentialAttestations(subject);
    }

    @Override
    public List<Attestation> presentedBy(EvmAddress holder, long block) {
        List<Attestation> out = new ArrayList<>();
        Map<String, Optional<StatusBits>> verified = new HashMap<>();
        for (PresentedCredential p : store.presentationsBy(holder)) {
            Optional<StatusBits> list = verified.computeIfAbsent(p.issuer() + " " + p.statusUri(),
                    k -> lists.token(p.statusUri()).flatMap(t -> verifier.statusList(t, p.statusUri(), p.issuer())));
            if (list.isEmpty()) {
                throw new UnavailableException(ErrorCode.STATUS_LIST_UNAVAILABLE,
                        "the status list of presented credential " + p.credentialId() + " cannot be confirmed", null);
            }
            Optional<Long> revoked = list.get().revoked(p.statusIndex())
                    ? Optional.of(block)
                    : OnChainRevocation.of(consents, holder, p.issuer(), p.attestationId());
            out.add(new Attestation(p.attestationId(), p.issuer(), holder, p.type(), p.purposes(), p.validFrom(),
                    p.validUntil(), 0, revoked));
        }
        return out;
    }
}
