package io.salus.node.wiring;

import io.salus.core.port.KeyManager;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.credential.StatusLists;
import io.salus.core.usecase.credential.StoredPresentations;
import io.salus.crypto.credential.SdJwtCredentialSigner;
import io.salus.crypto.credential.SdJwtCredentialVerifier;
import io.salus.store.PostgresCredentialStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Wires verifiable credentials in two steps: first what the decision point counts (verified presentations, re-checked
 * against their status lists), which the consent wiring needs; then, once consent is wired, issuance (on-chain
 * attestations through the attestation service) and presentations.
 */
record CredentialWiring(PostgresCredentialStore store, StatusLists statusLists, SdJwtCredentialVerifier verifier,
        StoredPresentations decisionInput) {

    static CredentialWiring presented(Storage storage) {
        PostgresCredentialStore store = new PostgresCredentialStore(storage.jdbi());
        StatusLists lists = new StatusLists(store, storage.accounts());
        SdJwtCredentialVerifier verifier = new SdJwtCredentialVerifier(Presentations.NONCE_LIFETIME, lists::token,
                storage.consents()::trusts);
        return new CredentialWiring(store, lists, verifier,
                new StoredPresentations(store, lists, verifier, storage.consents()));
    }

    /** @param baseUrl the node's public API address, for status list URIs */
    CredentialIssuance issuance(Storage storage, ConsentWiring consent, KeyManager keys, Clock clock,
            Supplier<String> baseUrl) {
        return new CredentialIssuance(store, storage.accounts(), keys, new SdJwtCredentialSigner(),
                consent.attestations(), storage.consents(), consent.sync(), clock, baseUrl);
    }

    /** @param audience this node's identifier, the audience of key-binding JWTs */
    Presentations presentations(Storage storage, ConsentWiring consent, String audience, Clock clock,
            SecureRandom random) {
        return new Presentations(store, storage.consents(), consent.sync(), verifier, audience, clock, random);
    }
}
