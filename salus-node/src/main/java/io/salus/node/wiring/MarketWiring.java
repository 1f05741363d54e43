package io.salus.node.wiring;

import io.salus.chain.deals.EvmDealLedger;
import io.salus.compute.cohort.ConsentingCodeCounts;
import io.salus.compute.cohort.PatientDirectory;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.compute.cohort.RoaringCohortQuery;
import io.salus.core.cohort.CatalogRelease;
import io.salus.core.cohort.CodeCatalog;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.limit.RateLimiter;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.DealLedger;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.core.usecase.deal.Caregivers;
import io.salus.core.usecase.deal.DaoAdmission;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.core.usecase.deal.DealEvents;
import io.salus.core.usecase.deal.DealErasure;
import io.salus.core.usecase.deal.DealLocks;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.deal.DealRefunds;
import io.salus.core.usecase.deal.DealResults;
import io.salus.core.usecase.deal.DealSettings;
import io.salus.core.usecase.deal.Discovery;
import io.salus.core.usecase.deal.PriceCheck;
import io.salus.crypto.HmacClaimKeys;
import io.salus.crypto.KeyReleasePackage;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.fhir.deid.DateShifts;
import io.salus.fhir.deid.Deidentifier;
import io.salus.node.config.NodeSettings;
import io.salus.node.market.BulkDataDealPackages;
import io.salus.store.PostgresDealEventStore;
import io.salus.store.PostgresDealStore;
import io.salus.store.PostgresPrivacyBudget;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;

/**
 * Wires the marketplace: the cohort index (sharing patient ordinals with the consent index, rebuilt from the feature
 * store at start, fed by every deposit), discovery with the privacy budget, the deal use cases on the escrow
 * contracts, PostgreSQL deal state, per-deal claim keys and key-release packages under {@code <data dir>/deals/}, and
 * the cohort builder's code catalog.
 */
record MarketWiring(RoaringCohortIndex cohorts, PatientDirectory directory, Discovery discovery, DealPosting posting,
        DealMatching matching, DealDelivery delivery, DealRefunds refunds, DealQueries queries, DealEarnings earnings,
        DealErasure erasure, PrivacyBudget budget, DealLedger dealLedger, CodeCatalog catalog, DealResults results,
        CohortQuery query, DealEvents events) {

    static MarketWiring wire(NodeSettings s, Storage storage, ConsentWiring consent, Engines.Chain chain,
            KeyManager keys, NodeSecrets secrets, RecordService records, SecureRandom random, Clock clock,
            String nodeName, DaoAdmission daos) {
        PatientDirectory directory = new PatientDirectory(consent.index());
        RoaringCohortIndex cohorts = RoaringCohortIndex.rebuild(storage.features(), directory::ordinal);
        RoaringCohortQuery query = new RoaringCohortQuery(cohorts, consent.index(), directory,
                consent.decisionPoint(), consent.sync(), clock);
        PostgresPrivacyBudget budget = new PostgresPrivacyBudget(storage.jdbi(), clock, s.privacyBudget(),
                s.maxQueryEpsilon(), s.privacyPeriod());
        CountRelease release = new CountRelease(random);
        EvmDealLedger ledger = EvmDealLedger.on(chain.ledger(),
                address -> chain.local().ifPresent(l -> l.fund(address)), EvmDealLedger.DEFAULT_CHUNK);
        PostgresDealStore store = new PostgresDealStore(storage.jdbi(), clock);
        DealSettings settings = s.deals();
        RateLimiter limiter = new RateLimiter(s.dealRateBurst(), s.dealRateRefill(), clock);
        byte[] claimSecret = secrets.claimSecret();
        byte[] shiftSecret = secrets.shiftSecret();
        HmacClaimKeys claims = new HmacClaimKeys(claimSecret);
        BulkDataDealPackages packages = new BulkDataDealPackages(s.dataDir().resolve("deals"),
                new Deidentifier(clock), new KeyReleasePackage(random), keys, new DateShifts(shiftSecret));
        Arrays.fill(claimSecret, (byte) 0);
        Arrays.fill(shiftSecret, (byte) 0);
        PriceCheck prices = new PriceCheck(storage.consents(), consent.sync(), consent.decisionPoint(), clock);
        DealLocks locks = new DealLocks();
        DealPosting posting = new DealPosting(query, ledger, store, storage.accounts(), keys, budget, limiter,
                settings, random, clock);
        DealMatching matching = new DealMatching(store, ledger, query, storage.accounts(), storage.records(), prices,
                new Caregivers(storage.consents(), storage.accounts()), claims, keys, budget, release, limiter,
                settings, locks, random, ProviderLicences.payable(consent.decisionPoint(), clock,
                        s.dealProviderLicenceRequired()),
                daos);
        DealDelivery delivery = new DealDelivery(store, ledger, storage.accounts(), storage.records(), records,
                prices, packages, storage.audit(), new HapiAuditEventFormatter(nodeName), keys, settings, locks,
                random, clock);
        CodeCatalog catalog = catalog(s, consent, cohorts, random, clock);
        DealEvents events = new DealEvents(ledger, new PostgresDealEventStore(storage.jdbi()));
        return new MarketWiring(cohorts, directory, new Discovery(query, budget, release), posting, matching,
                delivery, new DealRefunds(store, ledger, locks), new DealQueries(store, ledger, packages, events),
                new DealEarnings(store, ledger, claims, events), new DealErasure(store, ledger, packages, locks),
                budget,
                ledger, catalog, new DealResults(store, storage.accounts(), prices, packages, keys, locks,
                        storage.audit(), new HapiAuditEventFormatter(nodeName), random, clock),
                query, events);
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
