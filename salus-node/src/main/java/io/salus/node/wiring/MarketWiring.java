package io.salus.node.wiring;

import io.salus.chain.deals.EvmDealLedger;
import io.salus.compute.cohort.ConsentingCodeCounts;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.core.cohort.CatalogRelease;
import io.salus.core.cohort.CodeCatalog;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.port.DealLedger;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.crypto.PackageCrypto;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.fhir.deid.Deidentifier;
import io.salus.node.config.NodeSettings;
import io.salus.node.market.DealFiles;
import io.salus.node.market.Deals;
import io.salus.node.market.Delivery;
import io.salus.node.market.Discovery;
import io.salus.node.market.PatientDirectory;
import io.salus.node.market.PriceCheck;
import io.salus.store.PostgresPrivacyBudget;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the marketplace: the cohort index (sharing patient ordinals with the consent index, rebuilt from the feature
 * store at start, fed by every deposit), discovery with the privacy budget, deals on the escrow contract with their
 * files under the data directory, delivery, and the cohort builder's code catalog.
 */
record MarketWiring(RoaringCohortIndex cohorts, PatientDirectory directory, Discovery discovery, Deals deals,
        DealFiles files, PrivacyBudget budget, DealLedger dealLedger, CodeCatalog catalog) {

    static MarketWiring wire(NodeSettings s, Storage storage, ConsentWiring consent, Engines.Chain chain,
            KeyManager keys, RecordService records, SecureRandom random, Clock clock, String nodeName) {
        PatientDirectory directory = new PatientDirectory(consent.index());
        RoaringCohortIndex cohorts = RoaringCohortIndex.rebuild(storage.features(), directory::ordinal);
        PostgresPrivacyBudget budget = new PostgresPrivacyBudget(storage.jdbi(), clock, s.privacyBudget(),
                s.maxQueryEpsilon(), s.privacyPeriod());
        Discovery discovery = new Discovery(cohorts, consent.index(), consent.decisionPoint(), consent.sync(), budget,
                new CountRelease(random), clock);
        EvmDealLedger dealLedger = EvmDealLedger.on(chain.ledger(),
                address -> chain.local().ifPresent(l -> l.fund(address)), EvmDealLedger.DEFAULT_CHUNK);
        PriceCheck prices = new PriceCheck(storage.consents(), consent.sync(), consent.decisionPoint(), clock);
        Delivery delivery = new Delivery(storage.accounts(), storage.records(), records, prices, storage.consents(),
                storage.audit(), new HapiAuditEventFormatter(nodeName), dealLedger, new PackageCrypto(random),
                new Deidentifier(clock), clock);
        DealFiles files = new DealFiles(s.dataDir());
        Deals deals = new Deals(discovery, directory, prices, storage.accounts(), keys, dealLedger, files, delivery,
                random, clock);
        CodeCatalog catalog = catalog(s, consent, cohorts, random, clock);
        return new MarketWiring(cohorts, directory, discovery, deals, files, budget, dealLedger, catalog);
    }

    /**
     * The cohort builder's code catalogue: differentially private releases over the patients with a standing consent
     * now (the consent index synced to the chain head), one per refresh interval.
     */
    private static CodeCatalog catalog(NodeSettings s, ConsentWiring consent, RoaringCohortIndex cohorts,
            SecureRandom random, Clock clock) {
        NodeSettings.CatalogParameters p = s.catalogRelease();
        CatalogRelease release = new CatalogRelease(p.epsilon(), p.codesPerPatient(), p.delta(), random);
        ConsentingCodeCounts counts = new ConsentingCodeCounts(cohorts, () -> ConsentingCodeCounts
                .withStandingGrant(consent.index(), clock.instant(), consent.sync().toHead()));
        return new CodeCatalog(counts, release, clock, s.codeCatalogRefresh());
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
