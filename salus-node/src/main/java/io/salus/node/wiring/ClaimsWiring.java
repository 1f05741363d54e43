package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.chain.DealAddresses;
import io.salus.chain.claims.ClaimsDeployment;
import io.salus.chain.claims.EvmClaimsLedger;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.claims.ClaimQueries;
import io.salus.core.usecase.claims.ClaimSettlementWorker;
import io.salus.core.usecase.claims.ClaimSubmissions;
import io.salus.core.usecase.claims.Coverages;
import io.salus.fhir.claims.HapiClaimFhir;
import io.salus.fhir.validation.R4Validator;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresClaimStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Wires insurance claims (issue 19 item 3, decision 0027): the store (V105), FHIR R4 claims (HAPI, the R4 validator),
 * the decision point (licences, the insurer's consent to the evidence), ClaimsPayout deployed by the relayer the first
 * time it is needed ({@code <data dir>/claims-contracts.json}; insurers given gas on the local chain), the use cases
 * and the outbox worker that records and pays claims.
 */
public record ClaimsWiring(Coverages coverages, ClaimSubmissions submissions, ClaimQueries queries,
        ClaimSettlementWorker worker, EvmClaimsLedger ledger) {

    static ClaimsWiring wire(NodeSettings s, Storage storage, Engines.Chain chain, ConsentWiring consent,
            KeyManager keys, Clock clock, SecureRandom random) {
        DealAddresses deals = chain.ledger().access().contracts().deals()
                .orElseThrow(() -> new SalusException("the deal contracts are not configured: no claims payouts"));
        Supplier<EvmAddress> contract = DaoWiring.memo(() -> ClaimsDeployment.ensureDeployed(chain.ledger(),
                deals.paymentToken(), s.dataDir().resolve("claims-contracts.json")));
        EvmClaimsLedger ledger = new EvmClaimsLedger(chain.ledger(), deals.paymentToken(), contract,
                a -> chain.local().ifPresent(l -> l.fund(a)));
        PostgresClaimStore store = new PostgresClaimStore(storage.jdbi(), keys);
        FhirContext r4 = FhirContext.forR4Cached();
        return new ClaimsWiring(new Coverages(storage.accounts(), store, ledger, keys),
                new ClaimSubmissions(storage.accounts(), storage.records(), store,
                        new HapiClaimFhir(r4, new R4Validator(r4)), consent.decisionPoint(), clock, random),
                new ClaimQueries(store),
                new ClaimSettlementWorker(storage.outbox(), store, storage.accounts(), ledger, clock), ledger);
    }
}
