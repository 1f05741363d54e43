package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.usecase.trial.TrialMilestones;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trial milestones (docs/care.md): the sponsor attests that an enrolled patient reached a milestone the study declared,
 * and the escrow pays its fee to the patient's payee, once; the sponsor lists the milestones it attested. Anyone but
 * the study's sponsor is told there is no such study.
 */
public final class TrialMilestoneEndpoints implements ApiEndpoints {
    private final TrialMilestones milestones;
    private final Auth auth;

    public TrialMilestoneEndpoints(TrialMilestones milestones, Auth auth) {
        this.milestones = milestones;
        this.auth = auth;
    }

    record AttestBody(String patientId, String milestone) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/trials/{studyId}/milestones", this::attest);
        r.add(HandlerType.GET, "/trials/{studyId}/milestones", this::list);
    }

    Result<Reply> attest(Context ctx) {
        return auth.caller(ctx)
                .flatMap(c -> Requests.json(ctx, AttestBody.class)
                        .flatMap(b -> AccountId.parse(b.patientId() == null ? "" : b.patientId())
                                .map(Result::ok).orElseGet(() -> Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                                        "patientId must be an account id", "patientId")))
                                .flatMap(p -> milestones.attest(c, ctx.pathParam("studyId"), p, b.milestone()))))
                .map(m -> Reply.json(201, view(m)));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(c -> milestones.of(c, ctx.pathParam("studyId")))
                .map(l -> Reply.ok(Map.of("milestones", l.stream().map(TrialMilestoneEndpoints::view).toList())));
    }

    static Map<String, Object> view(MilestonePayment m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("studyId", m.study().hex());
        v.put("patientId", m.patient().toString());
        v.put("milestone", m.name());
        v.put("index", m.index());
        v.put("fee", m.fee());
        v.put("status", m.status().name());
        v.put("txHash", m.txHash().orElse(null));
        v.put("refusal", m.refusal().orElse(null));
        v.put("attestedAt", m.attestedAt().toString());
        return v;
    }
}
