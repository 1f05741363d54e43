package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.scores.RiskAssessments;
import io.salus.fhir.risk.HapiRiskFhir;
import java.time.Clock;

/** Wires the risk assessments (issue 18, item 3): the records read as for a record listing, {@link HapiRiskFhir}. */
final class RiskWiring {
    private RiskWiring() {
    }

    static RiskAssessments wire(DelegatedRecords records, Storage storage, Clock clock) {
        return new RiskAssessments(records, storage.accounts(), new HapiRiskFhir(FhirContext.forR4Cached()), clock);
    }
}
