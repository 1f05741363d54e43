package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.scores.FindriscQuestionnaire;
import io.salus.core.usecase.scores.RiskAssessments;
import io.salus.core.usecase.scores.RiskHistory;
import io.salus.fhir.risk.HapiRiskFhir;
import io.salus.store.PostgresRiskStore;
import java.time.Clock;

/**
 * Wires the risk scores (issue 18, item 3): the records read as for a record listing, {@link HapiRiskFhir}, the
 * patient's answers and score history in {@link PostgresRiskStore}.
 */
record RiskWiring(RiskAssessments assessments, RiskHistory history, FindriscQuestionnaire questionnaire) {

    static RiskWiring wire(DelegatedRecords records, Storage storage, KeyManager keys, Clock clock) {
        HapiRiskFhir fhir = new HapiRiskFhir(FhirContext.forR4Cached());
        PostgresRiskStore store = new PostgresRiskStore(storage.jdbi());
        FindriscQuestionnaire questionnaire = new FindriscQuestionnaire(store, keys, fhir, clock);
        RiskAssessments assessments = new RiskAssessments(records, storage.accounts(), fhir, questionnaire, clock);
        return new RiskWiring(assessments, new RiskHistory(assessments, store, keys, clock), questionnaire);
    }
}
