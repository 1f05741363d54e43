package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.Result;
import io.salus.core.usecase.scores.RiskAssessments;

/**
 * The patient's risk assessments as a FHIR {@code collection} Bundle of RiskAssessments, for the patient or a delegate
 * the decision point permits (the {@code purpose} query parameter as for records, PATRQT by default).
 */
public final class RiskEndpoints implements ApiEndpoints {
    private final RiskAssessments assessments;
    private final Auth auth;

    public RiskEndpoints(RiskAssessments assessments, Auth auth) {
        this.assessments = assessments;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/patients/{patientId}/risk-assessments", this::ofPatient);
    }

    Result<Reply> ofPatient(Context ctx) {
        return auth.caller(ctx)
                .flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> DelegationEndpoints
                        .purpose(ctx).flatMap(purpose -> assessments.assess(actor, patient, purpose))))
                .map(Reply::fhirCollection);
    }
}
