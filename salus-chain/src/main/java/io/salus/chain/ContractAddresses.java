package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Salus contracts live on a chain: IdentityRegistry, RecordRegistry and, once deployed, the consent
 * contracts (empty for a configuration that predates them).
 */
public record ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry,
        Optional<ConsentAddresses> consent) {
    public ContractAddresses {
        Objects.requireNonNull(identityRegistry, "identityRegistry");
        Objects.requireNonNull(recordRegistry, "recordRegistry");
        Objects.requireNonNull(consent, "consent");
    }

    /** The two record contracts only, without the consent contracts. */
    public ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry) {
        this(identityRegistry, recordRegistry, Optional.empty());
    }

    public ContractAddresses withConsent(ConsentAddresses consentAddresses) {
        return new ContractAddresses(identityRegistry, recordRegistry, Optional.of(consentAddresses));
    }

    /** Every address, record contracts first. */
    public List<EvmAddress> all() {
        List<EvmAddress> all = new ArrayList<>(List.of(identityRegistry, recordRegistry));
        consent.ifPresent(c -> all.addAll(c.all()));
        return List.copyOf(all);
    }
}
