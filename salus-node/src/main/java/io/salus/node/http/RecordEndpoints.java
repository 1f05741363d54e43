package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.RecordStore;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.PublicVerifier;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.DelegatedRecords;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Deposits, records (the owner's, or a delegate's through the decision point), receipts, proofs and batches. */
public final class RecordEndpoints implements ApiEndpoints {
    private final DepositService deposits;
    private final RecordService records;
    private final DelegatedRecords delegated;
    private final PublicVerifier verifier;
    private final RecordStore store;
    private final long maxBodyBytes;
    private final Auth auth;

    public RecordEndpoints(DepositService deposits, RecordService records, DelegatedRecords delegated,
            PublicVerifier verifier, RecordStore store, long maxBodyBytes, Auth auth) {
        this.deposits = deposits;
        this.records = records;
        this.delegated = delegated;
        this.verifier = verifier;
        this.store = store;
        this.maxBodyBytes = maxBodyBytes;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/bundles", this::deposit);
        r.add(HandlerType.GET, "/patients/{patientId}/records", this::list);
        r.add(HandlerType.GET, "/records/{recordId}", this::read);
        r.add(HandlerType.GET, "/records/{recordId}/receipt", this::receipt);
        r.add(HandlerType.GET, "/records/{recordId}/verification", this::verification);
        r.add(HandlerType.POST, "/proofs/verify", this::publicVerify);
        r.add(HandlerType.GET, "/batches", this::batches);
        r.add(HandlerType.GET, "/stats", this::stats);
    }

    Result<Reply> deposit(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/fhir+json") && !type.startsWith("application/json")) {
            return Result.fail(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the Bundle as application/fhir+json (or application/json)");
        }
        long declared = ctx.contentLength();
        if (declared > maxBodyBytes) {
            return Result.fail(ErrorCode.BODY_TOO_LARGE,
                    "the body is " + declared + " bytes; the limit is " + maxBodyBytes);
        }
        return auth.caller(ctx).flatMap(author -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.idempotencyKey(ctx).flatMap(key -> {
                    byte[] body = ctx.bodyAsBytes();
                    if (body.length > maxBodyBytes) {
                        return Result.fail(ErrorCode.BODY_TOO_LARGE, "the limit is " + maxBodyBytes);
                    }
                    return deposits
                            .deposit(new DepositService.Command(author, patient, body, key, "fhir-bundle"));
                })).map(receipt -> Reply.json(receipt.replayed() ? 200 : 201, Views.deposit(receipt))));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> DelegationEndpoints.listRecords(delegated, ctx, actor, patient))
                .map(rs -> Reply.ok(Map.of("records", rs.stream().map(Views::record).toList()))));
    }

    Result<Reply> read(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> DelegationEndpoints.readRecord(delegated, ctx, actor, id))
                .map(opened -> {
                    ctx.header("X-Salus-Category", opened.record().category().name());
                    ctx.header("X-Salus-Leaf", opened.record().leaf().hex());
                    return Reply.raw(200, "application/fhir+json", opened.json());
                }));
    }

    Result<Reply> receipt(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> records.receipt(actor, id)).map(r -> Reply.ok(Views.receipt(r))));
    }

    Result<Reply> verification(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> records.verify(actor, id)).map(v -> Reply.ok(Views.verification(v))));
    }

    record VerifyRequest(String batchKey, List<String> proof, String leaf, String contentBase64, String salt) {
    }

    Result<Reply> publicVerify(Context ctx) {
        return Requests.json(ctx, VerifyRequest.class).flatMap(req -> {
            try {
                if (req.batchKey() == null || req.proof() == null) {
                    return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "batchKey and proof are required",
                            req.batchKey() == null ? "batchKey" : "proof"));
                }
                if (req.proof().size() > 64) {
                    return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "a proof has at most 64 steps", "proof"));
                }
                Hash32 leaf;
                if (req.leaf() != null) {
                    leaf = Hash32.fromHex(req.leaf());
                } else if (req.contentBase64() != null && req.salt() != null) {
                    leaf = PublicVerifier.leafOf(Base64.getDecoder().decode(req.contentBase64()),
                            Hash32.fromHex(req.salt()));
                } else {
                    return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                            "give either leaf, or contentBase64 and salt", "leaf"));
                }
                List<Hash32> proof = new ArrayList<>();
                for (String p : req.proof()) {
                    proof.add(Hash32.fromHex(p));
                }
                return Result.ok(Reply.ok(Views.publicOutcome(
                        verifier.verify(Hash32.fromHex(req.batchKey()), leaf, proof))));
            } catch (IllegalArgumentException e) {
                return Result.fail(ErrorCode.INVALID_REQUEST,
                        "hashes are 32-byte hex strings and content is base64: " + e.getMessage());
            }
        });
    }

    Result<Reply> batches(Context ctx) {
        return Result.ok(Reply.ok(Map.of("batches",
                store.batches(100).stream().map(Views::batch).toList())));
    }

    Result<Reply> stats(Context ctx) {
        return auth.operator(ctx).map(op -> Reply.ok(Views.stats(store.stats())));
    }
}
