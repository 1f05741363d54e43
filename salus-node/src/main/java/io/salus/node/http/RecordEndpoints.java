package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.PublicVerifier;
import io.salus.core.usecase.RecordService;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Deposits, records, receipts and proofs. */
final class RecordEndpoints {
    private final ApiServices services;
    private final Auth auth;

    RecordEndpoints(ApiServices services, Auth auth) {
        this.services = services;
        this.auth = auth;
    }

    Result<Reply> deposit(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/fhir+json") && !type.startsWith("application/json")) {
            return Result.fail(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the Bundle as application/fhir+json (or application/json)");
        }
        long declared = ctx.contentLength();
        if (declared > services.maxBodyBytes()) {
            return Result.fail(ErrorCode.BODY_TOO_LARGE,
                    "the body is " + declared + " bytes; the limit is " + services.maxBodyBytes());
        }
        return auth.caller(ctx).flatMap(author -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.idempotencyKey(ctx).flatMap(key -> {
                    byte[] body = ctx.bodyAsBytes();
                    if (body.length > services.maxBodyBytes()) {
                        return Result.fail(ErrorCode.BODY_TOO_LARGE, "the limit is " + services.maxBodyBytes());
                    }
                    return services.deposits()
                            .deposit(new DepositService.Command(author, patient, body, key, "fhir-bundle"));
                })).map(receipt -> Reply.json(receipt.replayed() ? 200 : 201, Views.deposit(receipt))));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> DelegationEndpoints.listRecords(services.delegation(), ctx, actor, patient))
                .map(rs -> Reply.ok(Map.of("records", rs.stream().map(Views::record).toList()))));
    }

    Result<Reply> read(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> DelegationEndpoints.readRecord(services.delegation(), ctx, actor, id))
                .map(opened -> {
                    ctx.header("X-Salus-Category", opened.record().category().name());
                    ctx.header("X-Salus-Leaf", opened.record().leaf().hex());
                    return Reply.raw(200, "application/fhir+json", opened.json());
                }));
    }

    Result<Reply> receipt(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> services.records().receipt(actor, id)).map(r -> Reply.ok(Views.receipt(r))));
    }

    Result<Reply> verification(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.recordId(ctx, "recordId")
                .flatMap(id -> services.records().verify(actor, id)).map(v -> Reply.ok(Views.verification(v))));
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
                        services.verifier().verify(Hash32.fromHex(req.batchKey()), leaf, proof))));
            } catch (IllegalArgumentException e) {
                return Result.fail(ErrorCode.INVALID_REQUEST,
                        "hashes are 32-byte hex strings and content is base64: " + e.getMessage());
            }
        });
    }

    Result<Reply> batches(Context ctx) {
        return Result.ok(Reply.ok(Map.of("batches",
                services.recordStore().batches(100).stream().map(Views::batch).toList())));
    }
}
