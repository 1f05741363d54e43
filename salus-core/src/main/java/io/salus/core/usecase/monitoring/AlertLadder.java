package io.salus.core.usecase.monitoring;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.Recipients;
import io.salus.core.port.AccountStore;
import io.salus.core.port.MonitoringStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who receives a patient's alerts at a time ({@link Recipients#resolve}): the patient, delegates whose delegation
 * includes RECEIVE_ALERTS then, and the providers the patient chose. The same list decides who may read an alert they
 * were sent: a delegate whose delegation was revoked, or a provider no longer chosen, reads nothing more. Thread-safe.
 */
final class AlertLadder {
    private final AccountStore accounts;
    private final MonitoringStore store;
    private final PatientDelegations delegations;

    AlertLadder(AccountStore accounts, MonitoringStore store, PatientDelegations delegations) {
        this.accounts = accounts;
        this.store = store;
        this.delegations = delegations;
    }

    List<Recipient> at(Account patient, Instant at) {
        List<EvmAddress> providers = config(patient.id()).providers().stream().map(accounts::find)
                .flatMap(Optional::stream).map(Account::address).toList();
        return Recipients.resolve(patient.address(), delegations.of(patient.address()), providers, at);
    }

    PlanConfig config(AccountId patient) {
        return store.plan(patient).orElse(PlanConfig.DEFAULT);
    }

    boolean entitled(Account patient, EvmAddress who, Instant at) {
        return at(patient, at).stream().anyMatch(r -> r.address().equals(who));
    }
}
