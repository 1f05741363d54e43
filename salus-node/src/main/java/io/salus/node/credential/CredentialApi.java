package io.salus.node.credential;

import io.salus.core.port.AccountStore;
import io.salus.core.port.CredentialStore;
import io.salus.core.port.PresentedAttestations;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentSync;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Credentials as the node wires them: issuance and revocation, status lists, presentations, and the decision point's
 * view of verified presentations. Thread-safe.
 */
public record CredentialApi(CredentialIssuance issuance, Presentations presentations,
        PresentedAttestations decisionInput, StatusListsView statusLists) {

    /** The signed status list token an issuer publishes (public). */
    @FunctionalInterface
    public interface StatusListsView {
        Optional<String> of(io.salus.core.account.EvmAddress issuer);
    }

    /**
     * @param audience this node's identifier, the audience of key-binding JWTs
     * @param baseUrl the node's public API address, for status list URIs
     */
    public static CredentialApi wire(CredentialStore store, AccountStore accounts, KeyManager keys,
            AttestationService attestations, ConsentStore consents, ConsentSync sync, Clock clock,
            SecureRandom random, String audience, PresentedAttestations decisionInput, Supplier<String> baseUrl) {
        StatusLists lists = new StatusLists(store, accounts);
        return new CredentialApi(
                new CredentialIssuance(store, accounts, keys, attestations, consents, sync, clock, baseUrl),
                new Presentations(store, consents, sync, lists, audience, clock, random), decisionInput,
                lists::token);
    }

    /** The decision point's input (built before the consent wiring, which builds the decision point). */
    public static PresentedAttestations decisionInput(CredentialStore store, AccountStore accounts,
            ConsentStore consents) {
        return new StoredPresentations(store, new StatusLists(store, accounts), consents);
    }
}
