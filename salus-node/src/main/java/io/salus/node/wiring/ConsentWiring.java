package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.consent.AccessPseudonyms;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.credential.LicencePolicy;
import io.salus.core.port.KeyManager;
import io.salus.core.port.PresentedAttestations;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.AccessLogWorker;
import io.salus.core.usecase.consent.AccessService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.ConsentRelay;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.store.PostgresOrganisations;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires consent: the consent ledger next to the record ledger, the projections (PostgreSQL and the in-memory index),
 * the relay that batches patients' signed instructions (custodial and client-signed) in front of the ledger, the
 * decision point (counting verified credential presentations), custodial signing, access and the audit.
 */
record ConsentWiring(EvmConsentLedger ledger, RoaringConsentIndex index, ConsentSync sync, ConsentRelay relay,
        ConsentService consents, AttestationService attestations, DecisionPoint decisionPoint, AccessService access,
        AuditVerifier verifier, AccessLogWorker worker, DelegatedRecords.AuditTrail trail) {

    static ConsentWiring wire(Storage storage, EvmLedger evm, KeyManager keys, RecordService records, Clock clock,
            String nodeName, PresentedAttestations presented, Duration accessLogGrace, int batchSize,
            LicencePolicy licences) {
        EvmConsentLedger ledger = EvmConsentLedger.on(evm);
        RoaringConsentIndex index = new RoaringConsentIndex(clock.instant(), 0);
        ConsentSync sync = new ConsentSync(ledger, storage.consents(), index);
        sync.start();
        ConsentRelay relay = new ConsentRelay(ledger, sync, batchSize);
        CustodialSigner signer = new CustodialSigner(storage.accounts(), keys, new EvmSigner()::sign, relay, clock);
        ConsentService consents = new ConsentService(storage.accounts(), signer, relay, storage.consents(), sync,
                new PostgresOrganisations(storage.jdbi()), clock);
        AttestationService attestations = new AttestationService(signer, ledger, storage.consents(), sync);
        DecisionPoint decisionPoint = new DecisionPoint(sync, storage.consents(), new ConsentPolicy(), presented,
                licences);
        AccessPseudonyms pseudonyms = new AccessPseudonyms(keys);
        DelegatedRecords.AuditTrail trail = new DelegatedRecords.AuditTrail(storage.audit(),
                new HapiAuditEventFormatter(nodeName), ledger, storage.outbox(), pseudonyms);
        AccessService access = new AccessService(storage.accounts(), storage.records(), records, decisionPoint,
                trail, clock);
        AuditVerifier verifier = new AuditVerifier(storage.accounts(), storage.audit(), storage.consents(), sync,
                pseudonyms);
        AccessLogWorker worker = new AccessLogWorker(storage.outbox(), storage.audit(), ledger, pseudonyms, clock,
                accessLogGrace);
        return new ConsentWiring(ledger, index, sync, relay, consents, attestations, decisionPoint, access, verifier,
                worker, trail);
    }
}
