package io.salus.node.wiring;

import io.salus.chain.deals.EvmDealLedger;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.crypto.PackageCrypto;
import io.salus.crypto.TinkKeyManager;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.node.market.Deals;
import io.salus.node.market.Delivery;
import io.salus.node.market.Discovery;
import io.salus.node.market.MarketApi;
import io.salus.node.market.PatientDirectory;
import io.salus.node.market.PriceCheck;
import io.salus.store.PostgresFeatureStore;
import io.salus.store.PostgresPrivacyBudget;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the marketplace: the cohort index (sharing patient ordinals with the consent index, rebuilt from the feature
 * store at start, fed by every deposit), discovery with the privacy budget, and deals on the escrow contract.
 */
record MarketWiring(RoaringCohortIndex cohorts, PatientDirectory directory, MarketApi api) {

    static MarketWiring wire(Storage storage, ConsentWiring consent, Engines.Chain chain, TinkKeyManager keys,
            RecordService records, Path dataDir, SecureRandom random, Clock clock, String nodeName) {
        PatientDirectory directory = new PatientDirectory(consent.index());
        RoaringCohortIndex cohorts = RoaringCohortIndex.rebuild(new PostgresFeatureStore(storage.jdbi()),
                directory::ordinal);
        PostgresPrivacyBudget budget = new PostgresPrivacyBudget(storage.jdbi(), clock, new BigDecimal("10.0"));
        Discovery discovery = new Discovery(cohorts, consent.index(), consent.decisionPoint(), consent.sync(), budget,
                new CountRelease(random), clock);
        EvmDealLedger dealLedger = EvmDealLedger.on(chain.ledger(),
                address -> chain.local().ifPresent(l -> l.fund(address)), EvmDealLedger.DEFAULT_CHUNK);
        PriceCheck prices = new PriceCheck(storage.consents(), consent.sync(), consent.decisionPoint(), clock);
        Delivery delivery = new Delivery(storage.accounts(), storage.records(), records, prices, storage.consents(),
                storage.audit(), new HapiAuditEventFormatter(nodeName), dealLedger, new PackageCrypto(random), clock);
        Deals deals = new Deals(discovery, directory, prices, storage.accounts(), keys, dealLedger, dataDir, delivery,
                random, clock);
        return new MarketWiring(cohorts, directory, new MarketApi(discovery, deals, budget, dealLedger));
    }

    /** Feeds a committed deposit's features into the in-memory cohort index. */
    void deposited(DepositService.Deposited d) {
        int ordinal = directory.ordinal(d.patient().address());
        for (FeatureStore.RecordFeatures r : d.features()) {
            cohorts.add(ordinal, r.features());
        }
        d.facts().ifPresent(f -> cohorts.putFacts(ordinal, f));
    }
}
