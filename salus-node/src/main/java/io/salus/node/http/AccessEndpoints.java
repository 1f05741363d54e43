package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AuditLog;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.AccessService;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.ConsentSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consented access to a patient's records, the access log, its verification against the chain, and the operator's
 * rebuild of the consent projection.
 */
public final class AccessEndpoints implements ApiEndpoints {
    private final AccessService access;
    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final ConsentSync sync;
    private final Auth auth;

    public AccessEndpoints(AccessService access, AuditLog audit, AuditVerifier verifier, ConsentSync sync, Auth auth) {
        this.access = access;
        this.audit = audit;
        this.verifier = verifier;
        this.sync = sync;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/access", this::access);
        r.add(HandlerType.GET, "/patients/{patientId}/access-log", this::accessLog);
        r.add(HandlerType.GET, "/audit/patients/{patientId}", this::verifyPatient);
        r.add(HandlerType.GET, "/audit/requesters/{requesterId}", this::verifyRequester);
        r.add(HandlerType.POST, "/consent-index/rebuild", this::rebuild);
    }

    Result<Reply> access(Context ctx) {
        return auth.caller(ctx).flatMap(requester -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, ConsentRequests.AccessBody.class).flatMap(b -> {
                    Optional<Purpose> purpose = Purpose.parse(b.purpose());
                    if (purpose.isEmpty()) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                                "purpose must be a PurposeOfUse code such as HRESCH", "purpose"));
                    }
                    List<Category> cats = new ArrayList<>();
                    if (b.categories() != null && !b.categories().isEmpty()) {
                        var parsed = ConsentRequests.names(b.categories(), "categories", Category.class,
                                Category::parse);
                        if (!parsed.isOk()) {
                            return parsed.propagate();
                        }
                        cats.addAll(parsed.orElseThrow());
                    }
                    return access.request(requester, patient, purpose.get(), cats);
                })).map(r -> Reply.ok(ConsentViews.release(r))));
    }

    Result<Reply> accessLog(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(p -> {
            if (!actor.id().equals(p) && actor.kind() != AccountKind.AUDITOR && actor.kind() != AccountKind.OPERATOR) {
                return Result.fail(ErrorCode.FORBIDDEN, "only the patient, an auditor or the operator");
            }
            return Result.ok(Reply.ok(Map.of("entries",
                    audit.forPatient(p, limit(ctx)).stream().map(ConsentViews::audit).toList())));
        }));
    }

    Result<Reply> verifyPatient(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> verifier.forPatient(actor, p, limit(ctx))).map(AccessEndpoints::checks));
    }

    Result<Reply> verifyRequester(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "requesterId")
                .flatMap(r -> verifier.forRequester(actor, r, limit(ctx))).map(AccessEndpoints::checks));
    }

    Result<Reply> rebuild(Context ctx) {
        return auth.operator(ctx).map(op -> Reply.ok(Map.of("syncedBlock", sync.rebuild())));
    }

    private static Reply checks(List<AuditVerifier.Check> cs) {
        Map<String, Object> m = new LinkedHashMap<>();
        long bad = cs.stream().filter(c -> c.status() == AuditVerifier.Status.MISMATCH
                || c.status() == AuditVerifier.Status.MISSING_ON_CHAIN).count();
        m.put("entries", cs.size());
        m.put("mismatches", bad);
        m.put("verified", bad == 0);
        m.put("checks", cs.stream().map(ConsentViews::check).toList());
        return Reply.ok(m);
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        try {
            return l == null ? 200 : Math.max(1, Math.min(1000, Integer.parseInt(l)));
        } catch (NumberFormatException e) {
            return 200;
        }
    }
}
