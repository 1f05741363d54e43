package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.claims.ClaimReason;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.claims.ClaimQueries;
import io.salus.core.usecase.claims.ClaimSubmissions;
import io.salus.core.usecase.claims.Coverages;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Insurance claims (docs/care.md): an insurer publishes a patient's coverage and funds its payouts; a provider submits
 * a FHIR R4 Claim for a patient and gets the ClaimResponse of the automatic adjudication; the patient, the provider and
 * the insurer (nobody else) list and read their claims. Amounts of the API are in the payment token's smallest unit;
 * those inside FHIR resources in tokens.
 */
public final class ClaimEndpoints implements ApiEndpoints {
    private final Coverages coverages;
    private final ClaimSubmissions submissions;
    private final ClaimQueries queries;
    private final Auth auth;

    public ClaimEndpoints(Coverages coverages, ClaimSubmissions submissions, ClaimQueries queries, Auth auth) {
        this.coverages = coverages;
        this.submissions = submissions;
        this.queries = queries;
        this.auth = auth;
    }

    public record CoverageBody(String patientId, String start, String end, Map<String, Long> limits) {
    }

    public record FundBody(Long amount) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/coverages", this::publish);
        r.add(HandlerType.GET, "/coverages", this::coverages);
        r.add(HandlerType.POST, "/claims/funds", this::fund);
        r.add(HandlerType.GET, "/claims/funds", this::funds);
        r.add(HandlerType.POST, "/patients/{patientId}/claims", this::submit);
        r.add(HandlerType.GET, "/claims", this::claims);
        r.add(HandlerType.GET, "/claims/{claimId}", this::claim);
    }

    Result<Reply> publish(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, CoverageBody.class).flatMap(b -> {
            var patient = io.salus.core.account.AccountId.parse(b.patientId());
            if (patient.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "patientId must be a UUID", "patientId"));
            }
            try {
                return coverages.publish(actor, patient.get(), date(b.start()), date(b.end()), b.limits());
            } catch (DateTimeParseException e) {
                return Result.fail(ErrorCode.COVERAGE_INVALID, "start and end are dates (YYYY-MM-DD)");
            }
        })).map(p -> Reply.json(201, coverage(p)));
    }

    Result<Reply> coverages(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("coverages", coverages.mine(actor).stream()
                .map(ClaimEndpoints::coverage).toList())));
    }

    Result<Reply> fund(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, FundBody.class).flatMap(b -> b.amount() == null
                ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "amount is required", "amount"))
                : coverages.fund(actor, b.amount()).map(tx -> Reply.ok(Map.of("txHash", tx.txHash(), "funds",
                        coverages.funds(actor))))));
    }

    Result<Reply> funds(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("funds", coverages.funds(actor))));
    }

    Result<Reply> submit(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> submissions.submit(actor, p, ctx.bodyAsBytes())))
                .map(c -> Reply.json(201, view(c)));
    }

    Result<Reply> claims(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("claims", queries.mine(actor).stream()
                .map(ClaimEndpoints::summary).toList())));
    }

    Result<Reply> claim(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> claimId(ctx).flatMap(id -> queries.one(actor, id)))
                .map(c -> Reply.ok(view(c)));
    }

    private static LocalDate date(String s) {
        if (s == null) {
            throw new DateTimeParseException("missing", "", 0);
        }
        return LocalDate.parse(s);
    }

    private static Result<UUID> claimId(Context ctx) {
        try {
            return Result.ok(UUID.fromString(ctx.pathParam("claimId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "claimId must be a UUID", "claimId"));
        }
    }

    static Map<String, Object> coverage(CoveragePlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coverageId", p.id().toString());
        m.put("insurerId", p.insurer().toString());
        m.put("patientId", p.patient().toString());
        m.put("start", p.start().toString());
        m.put("end", p.end().toString());
        m.put("limits", p.limits());
        return m;
    }

    static Map<String, Object> summary(StoredClaim c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claimId", c.id().toString());
        m.put("patientId", c.patient().toString());
        m.put("providerId", c.provider().toString());
        m.put("insurerId", c.insurer().toString());
        m.put("coverageId", c.coverage().toString());
        m.put("submittedAt", c.submittedAt().toString());
        m.put("outcome", c.outcome().name());
        m.put("approvedTotal", c.approvedTotal());
        m.put("reasons", c.reasons().stream().map(ClaimReason::code).toList());
        m.put("state", c.state());
        m.put("digest", c.digest().hex());
        m.put("anchorTx", c.anchorTx().orElse(null));
        m.put("payoutTx", c.payoutTx().orElse(null));
        return m;
    }

    private static Map<String, Object> view(StoredClaim c) {
        Map<String, Object> m = summary(c);
        m.put("claim", tree(c.claimJson()));
        m.put("claimResponse", tree(c.responseJson()));
        return m;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored claim is not JSON", e);
        }
    }
}
