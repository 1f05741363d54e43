package io.salus.node.http;

import static io.salus.node.http.CustodyEndpoints.address;
import static io.salus.node.http.CustodyEndpoints.hex;
import static io.salus.node.http.RecoveryEndpoints.recoveryId;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.DeviceGuardians;
import io.salus.core.custody.DeviceRecovery;
import io.salus.core.custody.DeviceRecoveryCompletion;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.recovery.SealedShare;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guardian recovery of device-held keys (docs/custody.md): the patient's device names guardians with shares it sealed
 * and a set it signed; a guardian or the operator opens a recovery towards the new device's keys; each guardian's
 * device re-seals its share to that key and signs its approval; the new device, holding the claim token, fetches the
 * shares, combines them and completes with the old key's signed rotation and the re-wrapped data keys. Every digest to
 * sign is returned with what the device needs to recompute it (chain id, contract).
 */
public final class DeviceRecoveryEndpoints implements ApiEndpoints {
    private static final HexFormat HEX = HexFormat.of();

    /** The device recovery use cases and the chain coordinates a device recomputes digests with. */
    public record UseCases(DeviceGuardians guardians, DeviceRecovery recovery, DeviceRecoveryCompletion completion,
            long chainId, EvmAddress recoveryContract, EvmAddress consentRegistry) {
    }

    private final UseCases u;
    private final Auth auth;
    private final RateLimits limits;
    private final Clock clock;

    public DeviceRecoveryEndpoints(UseCases useCases, Auth auth, RateLimits limits, Clock clock) {
        this.u = useCases;
        this.auth = auth;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/custody/recovery-contract", ctx -> {
            Map<String, Object> body = chain(u.recoveryContract());
            body.put("consentRegistry", u.consentRegistry().hex());
            return Result.ok(Reply.ok(body));
        });
        r.add(HandlerType.POST, "/patients/{patientId}/guardians/device-plan", this::plan);
        r.add(HandlerType.PUT, "/patients/{patientId}/guardians/signed", this::setGuardians);
        r.add(HandlerType.POST, "/patients/{patientId}/device-recoveries", this::open);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/device-approvals/prepare", this::prepareApproval);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/device-approvals", this::approve);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/device-completion/prepare", this::prepareCompletion);
        r.add(HandlerType.POST, "/recoveries/{recoveryId}/device-completion", this::complete);
    }

    record GuardiansBody(List<String> guardians, Integer threshold, List<String> shares, Long nonce, String deadline,
            String signature) {
    }

    record OpenBody(String newAddress, String newEncryptionPublicKey) {
    }

    record SignedBody(String claimToken, Long nonce, String deadline, String signature, String resealed,
            Map<String, String> rewrapped) {
    }

    Result<Reply> plan(Context ctx) {
        return guardians(ctx).flatMap(g -> u.guardians().plan(g.actor(), g.patient(), g.ids(), g.threshold()))
                .map(p -> {
                    Map<String, Object> body = chain(u.recoveryContract());
                    body.put("patient", p.patient().address().hex());
                    body.put("threshold", p.threshold());
                    body.put("nonce", p.nonce());
                    body.put("deadline", p.deadline().toString());
                    body.put("guardians", p.guardians().stream().map(g -> Map.of("accountId", g.account().id()
                            .toString(), "address", g.account().address().hex(), "encryptionPublicKey",
                            HEX.formatHex(g.account().encryptionPublicKey()), "custody", g.custody().label(), "x",
                            g.x(), "shareContext", HEX.formatHex(g.shareContext()))).toList());
                    body.put("next", "split your keys (secp256k1 ‖ X25519) k of n, seal share x to guardian x's key "
                            + "with its shareContext as HPKE info, sign SetGuardians (shareHashes = keccak256 of each "
                            + "sealed share) and PUT /patients/{id}/guardians/signed");
                    return Reply.ok(body);
                });
    }

    Result<Reply> setGuardians(Context ctx) {
        return guardians(ctx).flatMap(g -> {
            GuardiansBody b = g.body();
            if (b.shares() == null || b.nonce() == null) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "shares, nonce, deadline and signature are "
                        + "required", "shares"));
            }
            List<byte[]> shares = new ArrayList<>();
            for (String s : b.shares()) {
                Result<byte[]> h = hex(s, "shares");
                if (!(h instanceof Result.Ok<byte[]> ok)) {
                    return h.propagate();
                }
                shares.add(ok.value());
            }
            return deadline(b.deadline()).flatMap(d -> hex(b.signature(), "signature").flatMap(sig -> u.guardians()
                    .set(g.actor(), g.patient(), g.ids(), g.threshold(), shares, b.nonce(), d, sig)));
        }).map(set -> Reply.ok(Map.of("patientId", set.patient().toString(), "threshold", set.threshold(), "epoch",
                set.epoch(), "txHash", set.txHash(), "guardians", set.guardians().stream().map(x -> Map.of(
                        "accountId", x.account().toString(), "x", x.x(), "shareHash", x.shareHash().toString()))
                        .toList())));
    }

    Result<Reply> open(Context ctx) {
        return auth.caller(ctx).flatMap(opener -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, OpenBody.class).flatMap(b -> address(b.newAddress()).flatMap(a -> hex(b
                        .newEncryptionPublicKey(), "newEncryptionPublicKey").flatMap(
                                k -> limits.recoveryOpening(
                                        ctx, opener, patient)
                                        .flatMap(ok -> u.recovery().open(opener, patient, a, k)))))))
                .map(o -> Reply.json(201, Map.of("recoveryId", o.request().id().toString(), "patientId", o.request()
                        .patient().toString(), "chainRequestId", o.request().chainRequestId(), "newAddress",
                        o
                                .request().newAddress().orElseThrow().hex(),
                        "txHash", o.request().openTx(),
                        "claimToken", o.claim(), "next", "hand the claim token to the patient's new device; each "
                                + "guardian approves on their device; after the waiting period the new device "
                                + "completes (POST /recoveries/{id}/device-completion/prepare)")));
    }

    Result<Reply> prepareApproval(Context ctx) {
        return auth.caller(ctx).flatMap(g -> recoveryId(ctx).flatMap(id -> u.recovery().prepareApproval(g, id)))
                .map(p -> {
                    Map<String, Object> body = chain(u.recoveryContract());
                    SealedShare share = p.share();
                    body.put("recoveryId", p.request().id().toString());
                    body.put("requestId", p.unsigned().payload().requestId());
                    body.put("guardian", p.unsigned().signer().hex());
                    body.put("newKeyHash", p.unsigned().payload().newKeyHash().toString());
                    p.request().newAddress().ifPresent(a -> body.put("newAddress", a.hex()));
                    body.put("newEncryptionPublicKey", HEX.formatHex(p.request().newPublicKey()));
                    body.put("x", share.x());
                    body.put("sealedShare", HEX.formatHex(share.sealed()));
                    body.put("shareContext", HEX.formatHex(p.shareContext()));
                    body.put("approvalContext", HEX.formatHex(p.approvalContext()));
                    body.put("nonce", p.unsigned().nonce());
                    body.put("deadline", p.unsigned().deadline().toString());
                    body.put("digest", u.recovery().digest(p.unsigned()).toString());
                    return Reply.ok(body);
                });
    }

    Result<Reply> approve(Context ctx) {
        return auth.caller(ctx).flatMap(g -> recoveryId(ctx).flatMap(id -> signed(ctx).flatMap(b -> deadline(b
                .deadline()).flatMap(
                        d -> hex(b.signature(), "signature").flatMap(sig -> hex(b.resealed(),
                                "resealed").flatMap(
                                        resealed -> u.recovery().approve(g, id, b.nonce(), d, sig,
                                                resealed)))))))
                .map(s -> Reply.ok(RecoveryEndpoints.status(s, clock.instant())));
    }

    Result<Reply> prepareCompletion(Context ctx) {
        return recoveryId(ctx).flatMap(id -> Requests.json(ctx, SignedBody.class).flatMap(b -> u.completion()
                .prepare(id, b.claimToken() == null ? "" : b.claimToken()))).map(p -> {
                    ctx.header("Cache-Control", "no-store");
                    Map<String, Object> body = chain(u.recoveryContract());
                    body.put("consentRegistry", u.consentRegistry().hex());
                    body.put("recoveryId", p.request().id().toString());
                    body.put("patient", p.patient().address().hex());
                    body.put("encryptionPublicKey", HEX.formatHex(p.patient().encryptionPublicKey()));
                    body.put("newAddress", p.rotation().payload().newKey().hex());
                    body.put("threshold", p.threshold());
                    body.put("shares", p.shares().stream().map(s -> Map.of("x", s.x(), "sealed", HEX.formatHex(s
                            .sealed()), "context",
                            HEX.formatHex(RecoveryService.approvalContext(p.request().id(), s.x())))).toList());
                    body.put("records", p.wraps().stream().map(w -> Map.of("recordId", w.record().toString(),
                            "wrappedKey", HEX.formatHex(w.wrappedForPatient()), "associatedData", HEX.formatHex(
                                    RecordBinding.associatedData(w.record(), p.request()
                                            .patient(), w.category()))))
                            .toList());
                    body.put("rotation", Map.of("nonce", p.rotation().nonce(), "deadline", p.rotation().deadline()
                            .toString(), "digest", p.rotationDigest().toString()));
                    return Reply.ok(body);
                });
    }

    Result<Reply> complete(Context ctx) {
        return recoveryId(ctx).flatMap(id -> signed(ctx).flatMap(b -> deadline(b.deadline()).flatMap(d -> hex(b
                .signature(), "signature").flatMap(
                        sig -> rewrapped(b.rewrapped()).flatMap(w -> u.completion()
                                .complete(id, b.claimToken() == null ? "" : b.claimToken(), b.nonce(), d, sig, w))))))
                .map(c -> Reply.ok(Map.of("recoveryId", c.recoveryId().toString(), "status", "COMPLETED",
                        "address", c.address().hex(), "apiToken", c.apiToken(), "rewrappedDataKeys", c.rewrapped(),
                        "repeated", c.repeated(), "nodeHoldsPrivateKeys", false, "rotation", "pending: the old "
                                + "key's on-chain rotation to the new device follows within seconds")));
    }

    private record Guardians(Account actor, AccountId patient, List<AccountId> ids,
            int threshold, GuardiansBody body) {
    }

    private Result<Guardians> guardians(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .json(ctx, GuardiansBody.class).flatMap(b -> {
                    if (b.guardians() == null || b.threshold() == null) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "guardians and threshold are "
                                + "required", "guardians"));
                    }
                    return RecoveryEndpoints.guardianIds(b.guardians()).map(ids -> new Guardians(actor, patient,
                            ids, b.threshold(), b));
                })));
    }

    private static Result<SignedBody> signed(Context ctx) {
        return Requests.json(ctx, SignedBody.class).flatMap(b -> b.nonce() == null
                ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "nonce, deadline and signature are required",
                        "nonce"))
                : Result.ok(b));
    }

    private static Result<Map<RecordId, byte[]>> rewrapped(Map<String, String> in) {
        Map<RecordId, byte[]> out = new HashMap<>();
        for (Map.Entry<String, String> e : (in == null ? Map.<String, String>of() : in).entrySet()) {
            Optional<RecordId> id = RecordId.parse(e.getKey());
            Result<byte[]> w = hex(e.getValue(), "rewrapped");
            if (id.isEmpty() || !(w instanceof Result.Ok<byte[]> ok)) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "rewrapped maps record ids to hex wrapped "
                        + "keys", "rewrapped"));
            }
            out.put(id.get(), ok.value());
        }
        return Result.ok(out);
    }

    private static Result<Instant> deadline(String s) {
        try {
            return Result.ok(Instant.parse(s == null ? "" : s));
        } catch (DateTimeParseException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "deadline must be an ISO instant", "deadline"));
        }
    }

    private Map<String, Object> chain(EvmAddress contract) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainId", u.chainId());
        m.put("contract", contract.hex());
        return m;
    }
}
