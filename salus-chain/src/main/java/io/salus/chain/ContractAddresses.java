package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Salus contracts live on a chain: IdentityRegistry, RecordRegistry and, once deployed, the consent
 * contracts and the deal contracts (each empty for a configuration that predates them).
 */
public record ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry,
        Optional<ConsentAddresses> consent, Optional<DealAddresses> deals) {
    public ContractAddresses {
        Objects.requireNonNull(identityRegistry, "identityRegistry");
        Objects.requireNonNull(recordRegistry, "recordRegistry");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(deals, "deals");
    }

    /** The two record contracts only, without the consent and deal contracts. */
    public ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry) {
        this(identityRegistry, recordRegistry, Optional.empty(), Optional.empty());
    }

    /** The record contracts and, if present, the consent contracts, without the deal contracts. */
    public ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry,
            Optional<ConsentAddresses> consent) {
        this(identityRegistry, recordRegistry, consent, Optional.empty());
    }

    public ContractAddresses withConsent(ConsentAddresses consentAddresses) {
        return new ContractAddresses(identityRegistry, recordRegistry, Optional.of(consentAddresses), deals);
    }

    public ContractAddresses withDeals(DealAddresses dealAddresses) {
        return new ContractAddresses(identityRegistry, recordRegistry, consent, Optional.of(dealAddresses));
    }

    /** Every address, record contracts first, then consent, then deals. */
    public List<EvmAddress> all() {
        List<EvmAddress> all = new ArrayList<>(List.of(identityRegistry, recordRegistry));
        consent.ifPresent(c -> all.addAll(c.all()));
        deals.ifPresent(d -> all.addAll(d.all()));
        return List.copyOf(all);
    }
}
