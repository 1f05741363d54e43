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
import io.salus.core.recovery.RecoveryCancellation;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryRequest;
import io.salus.core.recovery.RecoveryService;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Guardian key recovery: naming guardians (the patient), opening a recovery (a guardian or the operator, rate-limited:
 * the claim token it returns, k guardians' approvals and the waiting period complete it), approving (a guardian),
 * completing (with the claim token, after the waiting period), cancelling (the patient with their current token or
 * their key, or the operator), reading its state, and every account's recovery alerts.
 */
public final class RecoveryEndpoints implements ApiEndpoints {
    static final String CLAIM_HEADER = "Recovery-Claim";
    private final RecoveryService recovery;
    private final RecoveryCompletion completion;
    private final RecoveryCancellation cancellation;
    private final Auth auth;
    private final RateLimits limits;
    private final Clock clock;

    public RecoveryEndpoints(RecoveryService recovery, RecoveryCompletion completion,
            RecoveryCancellation cancellation, Auth auth, RateLimits limits, Clock clock) {
        this.clock = clock;
        this.recovery = recovery;
        this.completion = completion;
        this.cancellation = cancellation;
        this.auth = auth;
        this.limits = limits;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.PUT, "/patients/{patientId}/guardians", this::setGuardians);
        r.add(HandlerType.GET, "/patients/{patientId}/guardians", this::getGuardians);
        r.add(HandlerType.POST, "/patients/{patientId}/recoveries", this::open);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/approvals", this::approve);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/completion", this::complete);
        r.add(HandlerType.GET, "/recoveries/{recoveryId}", this::get);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/cancellation", this::cancel);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/cancellation/prepare", this::prepareCancel);
        r.add(HandlerType.GET, "/accounts/me/alerts", this::alerts);
    }

    /** A cancellation signed with the patient's key (then no token is needed), as {@code prepare} described it. */
    record CancelRequest(Long nonce, String deadline, String signature) {
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
                    return guardianIds(req.guardians()).flatMap(ids -> recovery.setGuardians(actor, patient, ids,
                            req.threshold()));
                })).map(set -> Reply.ok(guardians(set))));
    }

    static Result<List<AccountId>> guardianIds(List<String> guardians) {
        List<AccountId> ids = new ArrayList<>();
        for (String g : guardians) {
            Optional<AccountId> id = AccountId.parse(g);
            if (id.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "guardian '" + g + "' is not an account id",
                        "guardians"));
            }
            ids.add(id.get());
        }
        return Result.ok(ids);
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
        return auth.caller(ctx).flatMap(opener -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> limits.recoveryOpening(ctx, opener, patient)
                        .flatMap(ok -> recovery.open(opener, patient))))
                .map(o -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("recoveryId", o.request().id().toString());
                    body.put("patientId", o.request().patient().toString());
                    body.put("chainRequestId", o.request().chainRequestId());
                    body.put("newEncryptionPublicKey", HexFormat.of().formatHex(o.request().newPublicKey()));
                    body.put("txHash", o.request().openTx());
                    body.put("claimToken", o.claim());
                    body.put("next", "hand the claim token to the patient; each guardian approves (POST "
                            + "/recoveries/{id}/approvals); after the waiting period, POST /recoveries/{id}/completion with the "
                            + "claim token. The patient and every guardian were alerted; the patient can cancel until then.");
                    return Reply.json(201, body);
                });
    }

    Result<Reply> approve(Context ctx) {
        return auth.caller(ctx).flatMap(guardian -> recoveryId(ctx)
                .flatMap(id -> recovery.approve(guardian, id))).map(s -> Reply.ok(status(s, clock.instant())));
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
                .map(ok -> Reply.ok(status(s, clock.instant()))));
    }

    Result<Reply> cancel(Context ctx) {
        return recoveryId(ctx).flatMap(id -> {
            if (ctx.header("Authorization") != null) {
                return auth.caller(ctx).flatMap(actor -> cancellation.cancel(actor, id));
            }
            return Requests.json(ctx, CancelRequest.class).flatMap(b -> signedCancel(id, b));
        }).flatMap(r -> recovery.status(r.id())).map(s -> Reply.ok(status(s, clock.instant())));
    }

    private Result<RecoveryRequest> signedCancel(UUID id, CancelRequest b) {
        if (b.nonce() == null || b.deadline() == null || b.signature() == null) {
            return Result.fail(Failure.of(ErrorCode.UNAUTHENTICATED, "cancel with your API token (Authorization: "
                    + "Bearer), or sign POST /recoveries/{id}/cancellation/prepare's digest with your key and send "
                    + "nonce, deadline and signature"));
        }
        try {
            byte[] signature = HexFormat.of().parseHex(b.signature().startsWith("0x")
                    ? b.signature().substring(2)
                    : b.signature());
            return cancellation.cancelSigned(id, b.nonce(), Instant.parse(b.deadline()), signature);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "signature must be hex and deadline an ISO "
                    + "instant", "signature"));
        }
    }

    Result<Reply> prepareCancel(Context ctx) {
        return recoveryId(ctx).flatMap(cancellation::prepare).map(p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recoveryId", ctx.pathParam("recoveryId"));
            body.put("chainRequestId", p.unsigned().payload().requestId());
            body.put("patient", p.unsigned().signer().hex());
            body.put("nonce", p.unsigned().nonce());
            body.put("deadline", p.unsigned().deadline().toString());
            body.put("digest", p.digest().toString());
            body.put("next", "sign the 32-byte digest with the patient's secp256k1 key (no prefix, 65 bytes r|s|v) and "
                    + "POST /recoveries/{id}/cancellation with nonce, deadline and signature");
            return Reply.ok(body);
        });
    }

    Result<Reply> alerts(Context ctx) {
        return auth.caller(ctx).map(a -> Reply.ok(Map.of("alerts", recovery.alerts(a, 200).stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", x.kind().name());
            m.put("at", x.at().toString());
            m.put("recoveryId", x.recovery().toString());
            m.put("patientId", x.patient().toString());
            m.put("text", x.text());
            return m;
        }).toList())));
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

    static Result<UUID> recoveryId(Context ctx) {
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

    static Map<String, Object> status(RecoveryService.Status s, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recoveryId", s.request().id().toString());
        body.put("patientId", s.request().patient().toString());
        body.put("chainRequestId", s.request().chainRequestId());
        body.put("status", s.request().completed()
                ? "COMPLETED"
                : s.request().cancelled() || s.chain().cancelled()
                        ? "CANCELLED"
                        : s.completableAt().isEmpty()
                                ? "OPEN"
                                : s.chain().executable() && !now.isBefore(s.completableAt().get())
                                        ? "EXECUTABLE"
                                        : "WAITING");
        body.put("approvalsOnChain", s.chain().approvals());
        body.put("threshold", s.chain().threshold());
        body.put("approvedBy", s.approvedBy().stream().map(AccountId::toString).toList());
        body.put("executedOnChain", s.chain().executed());
        body.put("openedAt", s.request().openedAt().toString());
        s.request().openedBy().ifPresent(a -> body.put("openedBy", a.toString()));
        s.completableAt().ifPresent(t -> body.put("completableAt", t.toString()));
        s.request().completedAt().ifPresent(t -> body.put("completedAt", t.toString()));
        s.request().cancelledAt().ifPresent(t -> body.put("cancelledAt", t.toString()));
        s.request().cancelledBy().ifPresent(a -> body.put("cancelledBy", a.toString()));
        return body;
    }
}
