package io.salus.node.wiring;

import io.salus.chain.EvmBlockTimes;
import io.salus.chain.EvmLedger;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.Delegations;
import io.salus.core.usecase.consent.PatientAlerts;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.node.http.DelegationApi;
import java.time.Clock;

/**
 * Wires delegation: the patient's delegations (through the consent service's custody signing), delegates' record
 * reads through the decision point and the audit trail, and the patient's alerts.
 */
final class DelegationWiring {
    private DelegationWiring() {
    }

    static DelegationApi wire(Storage storage, ConsentWiring consent, MarketWiring market, EvmLedger evm,
            RecordService records, Clock clock, String nodeName) {
        DecisionPoint decisionPoint = consent.decisionPoint();
        Delegations delegations = new Delegations(storage.accounts(), consent.api().consents(), storage.consents(),
                consent.sync(), clock);
        DelegatedRecords reads = new DelegatedRecords(storage.accounts(), storage.records(), records,
                storage.consents(), consent.sync(), decisionPoint, new DelegatedRecords.AuditTrail(storage.audit(),
                        new HapiAuditEventFormatter(nodeName), consent.ledger(), storage.outbox()),
                clock);
        PatientAlerts alerts = new PatientAlerts(storage.accounts(), storage.audit(), storage.consents(),
                decisionPoint, market.api().earnings(), EvmBlockTimes.on(evm), clock);
        return new DelegationApi(delegations, reads, alerts);
    }
}
