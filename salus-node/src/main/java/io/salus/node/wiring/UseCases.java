package io.salus.node.wiring;

import io.salus.core.credential.LicencePolicy;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.core.usecase.device.CohortFeed;
import io.salus.crypto.TinkKeyManager;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.node.config.NodeSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The node's use cases, wired on the started engines (store, chain, keys) in dependency order: accounts and records,
 * credentials' decision input, consent, the marketplace, deposits (which feed the cohort index), delegation, export
 * and erasure, key recovery, credential issuance and presentations. Only the composition root sees this whole set;
 * each endpoint and page gets the few use cases it calls.
 */
record UseCases(AccountService accounts, RecordService records, DepositService deposits, ConsentWiring consent,
        MarketWiring market, DelegationWiring delegation, ErasureWiring erasure, RecoveryWiring recovery,
        CredentialWiring credentials, CredentialIssuance issuance, Presentations presentations,
        HealthWiring health, CareWiring care, JobWiring jobs, CustodyWiring custody, DaoWiring dao,
        ClaimsWiring claims, TrialWiring trials, RiskWiring risk, CreditWiring credits) {

    /** @param baseUrl the node's public API address (known once the HTTP server listens) */
    static UseCases wire(NodeSettings s, Storage storage, Engines.Chain chain, Operator operator, TinkKeyManager keys,
            NodeSecrets secrets, Clock clock, SecureRandom random, Supplier<String> baseUrl) {
        AccountService accounts = new AccountService(storage.accounts(), keys, s.chainId(), clock, random);
        RecordService records = new RecordService(storage.accounts(), storage.records(), keys, chain.ledger());
        String nodeName = operator.account().address().hex();
        CredentialWiring credentials = CredentialWiring.presented(storage);
        ConsentWiring consent = ConsentWiring.wire(storage, chain.ledger(), keys, records, clock, nodeName,
                credentials.decisionInput(), s.accessLogGrace(), s.consentBatchSize(),
                LicencePolicy.of(s.licenceRequired()));
        DaoWiring dao = DaoWiring.wire(s, storage, chain, keys, clock, random);
        MarketWiring market = MarketWiring.wire(s, storage, consent, chain, keys, secrets, records, random, clock,
                nodeName, dao.admission());
        DepositService deposits = new DepositService(storage.accounts(), storage.records(), keys,
                new HapiBundleParser(s.maxBodyBytes(), HapiBundleParser.DEFAULT_MAX_RESOURCES, s.validateR4()),
                new FeatureExtractor(), market::deposited, clock,
                ProviderLicences.admission(consent.decisionPoint(), clock));
        DelegationWiring delegation = DelegationWiring.wire(storage, consent, market, chain.ledger(), records, clock);
        ErasureWiring erasure = ErasureWiring.wire(storage, market, records, clock);
        RecoveryWiring recovery = RecoveryWiring.wire(storage, chain.ledger(), keys, s.dataDir(), clock, random,
                s.recoveryWaitingPeriod());
        HealthWiring health = HealthWiring.wire(s, storage, consent, keys, new CohortFeed(new FeatureExtractor(),
                market::deposited), clock, baseUrl);
        RiskWiring risk = RiskWiring.wire(delegation.records(), storage, keys, clock);
        Presentations presentations = credentials.presentations(storage, consent, operator.account().did(), clock,
                random);
        return new UseCases(accounts, records, deposits, consent, market, delegation, erasure, recovery, credentials,
                credentials.issuance(storage, consent, keys, clock, baseUrl), presentations, health,
                CareWiring.wire(s, storage, consent, credentials, presentations, records, keys, clock),
                JobWiring.wire(s, storage, market, chain.ledger(), records, random, clock),
                CustodyWiring.wire(s.chainId(), storage, chain.ledger(), keys, consent, recovery, clock, random), dao,
                ClaimsWiring.wire(s, storage, chain, consent, keys, clock, random),
                TrialWiring.wire(s, storage, chain, market, keys, clock, random), risk,
                CreditWiring.wire(s, storage, market, risk, clock));
    }
}
