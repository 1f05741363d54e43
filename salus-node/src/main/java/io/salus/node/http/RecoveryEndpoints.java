package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.ApiToken;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.recovery.GuardianSet;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryService;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Guardian key recovery: naming guardians (the patient), opening a recovery (anyone: the claim token it returns and k
 * guardians' approvals complete it), approving (a guardian), completing (with the claim token) and reading its state.
 */
public final class RecoveryEndpoints implements ApiEndpoints {
    static final String CLAIM_HEADER = "Recovery-Claim";
    private final RecoveryService recovery;
    private final RecoveryCompletion completion;
    private final Auth auth;

    public RecoveryEndpoints(RecoveryService recovery, RecoveryCompletion completion, Auth auth) {
        this.recovery = recovery;
        this.completion = completion;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.PUT, "/patients/{patientId}/guardians", this::setGuardians);
        r.add(HandlerType.GET, "/patients/{patientId}/guardians", this::getGuardians);
        r.add(HandlerType.POST, "/patients/{patientId}/recoveries", this::open);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/approvals", this::approve);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/completion", this::complete);
        r.add(HandlerType.GET, "/recoveries/{recoveryId}", this::get);
    }

    record GuardiansRequest(List<String> guardians, Integer threshold) {
    }

    record CompletionRequest(String claimToken) {
    }

    Result<Reply> setGuardians(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.json(ctx, GuardiansRequest.class).flatMap(req -> {
                    if (req.guardians() == null || req.threshold() == null) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "guardians and threshold are "
                                + "required", req.guardians() == null ? "guardians" : "threshold"));
                    }
                    List<AccountId> ids = new ArrayList<>();
                    for (String g : req.guardians()) {
                        Optional<AccountId> id = AccountId.parse(g);
                        if (id.isEmpty()) {
                            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "guardian '" + g
                                    + "' is not an account id", "guardians"));
                        }
                        ids.add(id.get());
                    }
                    return recovery.setGuardians(actor, patient, ids, req.threshold());
                })).map(set -> Reply.ok(guardians(set))));
    }

    Result<Reply> getGuardians(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> {
            if (!actor.id().equals(patient) && actor.kind() != AccountKind.OPERATOR) {
                return Result.fail(ErrorCode.FORBIDDEN, "only the patient sees their guardians");
            }
            return recovery.guardians(patient).<Result<Reply>>map(s -> Result.ok(Reply.ok(guardians(s))))
                    .orElseGet(() -> Result.fail(ErrorCode.RECOVERY_NO_GUARDIANS, "no guardians for " + patient));
        }));
    }

    Result<Reply> open(Context ctx) {
        return Requests.accountId(ctx, "patientId").flatMap(patient -> recovery.open(patient)).map(o -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recoveryId", o.request().id().toString());
            body.put("patientId", o.request().patient().toString());
            body.put("chainRequestId", o.request().chainRequestId());
            body.put("newEncryptionPublicKey", HexFormat.of().formatHex(o.request().newPublicKey()));
            body.put("txHash", o.request().openTx());
            body.put("claimToken", o.claim());
            body.put("next", "each guardian approves (POST /recoveries/{id}/approvals); then POST "
                    + "/recoveries/{id}/completion with the claim token");
            return Reply.json(201, body);
        });
    }

    Result<Reply> approve(Context ctx) {
        return auth.caller(ctx).flatMap(guardian -> recoveryId(ctx)
                .flatMap(id -> recovery.approve(guardian, id))).map(s -> Reply.ok(status(s)));
    }

    Result<Reply> complete(Context ctx) {
        return recoveryId(ctx).flatMap(id -> Requests.json(ctx, CompletionRequest.class)
                .flatMap(req -> completion.complete(id, req.claimToken() == null ? "" : req.claimToken())))
                .map(c -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("recoveryId", c.recoveryId().toString());
                    body.put("status", "COMPLETED");
                    body.put("apiToken", c.apiToken());
                    body.put("rewrappedDataKeys", c.rewrapped());
                    body.put("repeated", c.repeated());
                    return Reply.ok(body);
                });
    }

    Result<Reply> get(Context ctx) {
        return recoveryId(ctx).flatMap(id -> recovery.status(id)).flatMap(s -> allowedToSee(ctx, s)
                .map(ok -> Reply.ok(status(s))));
    }

    private Result<Boolean> allowedToSee(Context ctx, RecoveryService.Status s) {
        String claim = ctx.header(CLAIM_HEADER);
        if (claim != null && ApiToken.hash(claim.trim()).equals(s.request().claimHash())) {
            return Result.ok(true);
        }
        return auth.caller(ctx).flatMap(a -> {
            boolean guardian = recovery.guardians(s.request().patient())
                    .flatMap(g -> g.guardian(a.id())).isPresent() || s.approvedBy().contains(a.id());
            return a.id().equals(s.request().patient()) || guardian || a.kind() == AccountKind.OPERATOR
                    ? Result.ok(true)
                    : Result.fail(ErrorCode.FORBIDDEN, "only the patient, a guardian, the operator or the claim "
                            + "holder (" + CLAIM_HEADER + " header) sees a recovery");
        });
    }

    private static Result<UUID> recoveryId(Context ctx) {
        try {
            return Result.ok(UUID.fromString(ctx.pathParam("recoveryId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "recoveryId must be a UUID", "recoveryId"));
        }
    }

    private static Map<String, Object> guardians(GuardianSet set) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientId", set.patient().toString());
        body.put("threshold", set.threshold());
        body.put("epoch", set.epoch());
        body.put("txHash", set.txHash());
        body.put("guardians", set.guardians().stream().map(g -> Map.of("accountId", g.account().toString(),
                "address", g.address().hex(), "x", g.x(), "shareHash", g.shareHash().toString())).toList());
        return body;
    }

    private static Map<String, Object> status(RecoveryService.Status s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recoveryId", s.request().id().toString());
        body.put("patientId", s.request().patient().toString());
        body.put("chainRequestId", s.request().chainRequestId());
        body.put("status", s.request().completed() ? "COMPLETED" : s.chain().executable() ? "EXECUTABLE" : "OPEN");
        body.put("approvalsOnChain", s.chain().approvals());
        body.put("threshold", s.chain().threshold());
        body.put("approvedBy", s.approvedBy().stream().map(AccountId::toString).toList());
        body.put("executedOnChain", s.chain().executed());
        body.put("openedAt", s.request().openedAt().toString());
        s.request().completedAt().ifPresent(t -> body.put("completedAt", t.toString()));
        return body;
    }
}
