package io.salus.node.http;

import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.Delegations;
import io.salus.core.usecase.consent.PatientAlerts;

/** What the delegation endpoints (and the record endpoints, for delegates' reads) need from the wired node. */
public record DelegationApi(Delegations delegations, DelegatedRecords records, PatientAlerts alerts) {
}
