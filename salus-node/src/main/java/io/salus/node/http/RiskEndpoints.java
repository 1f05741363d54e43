package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.Result;
import io.salus.core.usecase.scores.FindriscQuestionnaire;
import io.salus.core.usecase.scores.RiskAssessments;
import io.salus.core.usecase.scores.RiskHistory;
import io.salus.core.usecase.scores.ScorePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patient's risk assessments: {@code GET} the current ones as a FHIR {@code collection} Bundle of RiskAssessments,
 * for the patient or a delegate the decision point permits (the {@code purpose} query parameter as for records, PATRQT
 * by default); {@code POST} computes and keeps them (the patient); {@code GET .../history} every kept score, oldest
 * first (the patient); {@code POST /patients/{id}/risk-answers} the patient's FINDRISC answers as a FHIR
 * QuestionnaireResponse.
 */
public final class RiskEndpoints implements ApiEndpoints {
    private final RiskAssessments assessments;
    private final RiskHistory history;
    private final FindriscQuestionnaire questionnaire;
    private final Auth auth;

    public RiskEndpoints(RiskAssessments assessments, RiskHistory history, FindriscQuestionnaire questionnaire,
            Auth auth) {
        this.assessments = assessments;
        this.history = history;
        this.questionnaire = questionnaire;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/patients/{patientId}/risk-assessments", this::ofPatient);
        r.add(HandlerType.POST, "/patients/{patientId}/risk-assessments", this::compute);
        r.add(HandlerType.GET, "/patients/{patientId}/risk-assessments/history", this::history);
        r.add(HandlerType.POST, "/patients/{patientId}/risk-answers", this::answer);
    }

    Result<Reply> ofPatient(Context ctx) {
        return auth.caller(ctx)
                .flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> DelegationEndpoints
                        .purpose(ctx).flatMap(purpose -> assessments.assess(actor, patient, purpose))))
                .map(Reply::fhirCollection);
    }

    Result<Reply> compute(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> history
                .compute(actor, patient))).map(c -> Reply.fhirCollection(c.fhir()));
    }

    Result<Reply> history(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> history
                .history(actor, patient))).map(points -> Reply.ok(Map.of("points", points.stream()
                        .map(
                                RiskEndpoints::json)
                        .toList())));
    }

    Result<Reply> answer(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(
                patient -> questionnaire.submit(actor, patient, ctx.bodyAsBytes()))).map(a -> Reply.json(201,
                        Map
                                .of("questionnaireResponse", a.reference(), "answered", answered(a))));
    }

    static Map<String, Object> json(ScorePoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("model", p.model());
        m.put("at", p.at().toString());
        m.put("status", p.status());
        p.value().ifPresent(v -> m.put("value", v));
        m.put("unit", p.unit());
        m.put("displayed", p.displayed());
        m.put("band", p.band());
        m.put("reason", p.reason());
        return m;
    }

    private static List<String> answered(FindriscQuestionnaire.Answered a) {
        List<String> names = new ArrayList<>();
        a.answers().physicallyActive().ifPresent(x -> names.add("physical-activity"));
        a.answers().dailyVegetablesOrFruit().ifPresent(x -> names.add("vegetables-fruit-berries"));
        a.answers().familyHistory().ifPresent(x -> names.add("family-history"));
        a.answers().antihypertensiveMedication().ifPresent(x -> names.add("antihypertensive-medication"));
        a.answers().highGlucoseEver().ifPresent(x -> names.add("high-blood-glucose"));
        a.answers().waistCm().ifPresent(x -> names.add("waist-circumference"));
        return names;
    }
}
