package io.salus.node.wiring;

import io.salus.chain.EvmBlockTimes;
import io.salus.chain.EvmLedger;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.Delegations;
import io.salus.core.usecase.consent.PatientAlerts;
import io.salus.store.PostgresRecoveryStore;
import io.salus.store.PostgresTrialStore;
import java.time.Clock;

/**
 * Wires delegation: the patient's delegations (through the consent service's custody signing), record reads by the
 * owner or a delegate (through the decision point and the audit trail), and the patient's alerts.
 */
record DelegationWiring(Delegations delegations, DelegatedRecords records, PatientAlerts alerts) {

    static DelegationWiring wire(Storage storage, ConsentWiring consent, MarketWiring market, EvmLedger evm,
            RecordService records, Clock clock) {
        Delegations delegations = new Delegations(storage.accounts(), consent.consents(), storage.consents(),
                consent.sync(), clock);
        DelegatedRecords reads = new DelegatedRecords(storage.accounts(), storage.records(), records,
                storage.consents(), consent.sync(), consent.decisionPoint(), consent.trail(), clock);
        PatientAlerts alerts = new PatientAlerts(storage.accounts(), storage.audit(), storage.consents(),
                consent.decisionPoint(), market.earnings(), EvmBlockTimes.on(evm), clock,
                new PostgresRecoveryStore(storage.jdbi()), new PostgresTrialStore(storage.jdbi(), TrialWiring.GRACE));
        return new DelegationWiring(delegations, reads, alerts);
    }
}
