package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.AccessLogWorker;
import io.salus.core.usecase.consent.AccessService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.node.http.ConsentApi;
import java.time.Clock;
import java.time.Duration;

/** Wires consent: the consent ledger next to the record ledger, the projections, the decision point and the audit. */
record ConsentWiring(EvmConsentLedger ledger, RoaringConsentIndex index, ConsentSync sync, ConsentApi api,
        AccessLogWorker worker, DecisionPoint decisionPoint) {

    static ConsentWiring wire(Storage storage, EvmLedger evm, KeyManager keys, RecordService records, Clock clock,
            String nodeName) {
        return wire(storage, evm, keys, records, clock, nodeName, io.salus.core.port.PresentedAttestations.NONE);
    }

    /** With verifiable credentials: the decision point also counts verified presentations. */
    static ConsentWiring wire(Storage storage, EvmLedger evm, KeyManager keys, RecordService records, Clock clock,
            String nodeName, io.salus.core.port.PresentedAttestations presented) {
        EvmConsentLedger ledger = EvmConsentLedger.on(evm);
        RoaringConsentIndex index = new RoaringConsentIndex(clock.instant(), 0);
        ConsentSync sync = new ConsentSync(ledger, storage.consents(), index);
        sync.start();
        CustodialSigner signer = new CustodialSigner(storage.accounts(), keys, new EvmSigner()::sign, ledger, clock);
        ConsentService consents = new ConsentService(storage.accounts(), signer, ledger, storage.consents(), sync,
                clock);
        AttestationService attestations = new AttestationService(signer, ledger, storage.consents(), sync);
        DecisionPoint decisionPoint = new DecisionPoint(sync, storage.consents(), new ConsentPolicy(), presented);
        AccessService access = new AccessService(storage.accounts(), storage.records(), records, decisionPoint,
                storage.audit(), new HapiAuditEventFormatter(nodeName), ledger, storage.outbox(), clock);
        AuditVerifier verifier = new AuditVerifier(storage.accounts(), storage.audit(), storage.consents(), sync);
        AccessLogWorker worker = new AccessLogWorker(storage.outbox(), storage.audit(), ledger, clock,
                Duration.ofSeconds(30));
        return new ConsentWiring(ledger, index, sync,
                new ConsentApi(consents, attestations, access, verifier, storage.audit(), sync, clock), worker,
                decisionPoint);
    }
}
