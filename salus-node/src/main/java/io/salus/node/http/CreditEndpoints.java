package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.CreditStore;
import io.salus.core.usecase.incentives.CreditLedger;
import io.salus.core.usecase.scores.RiskReports;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incentive credits (decision 0032): the operator closes a period ({@code POST /credit-periods}, body
 * {@code {"end": ISO instant}}) and lists them; a patient reads their balance and entries
 * ({@code GET /patients/{id}/credits}) and orders a risk report paid with credits
 * ({@code POST /patients/{id}/risk-reports}, {@code Idempotency-Key} required).
 */
public final class CreditEndpoints implements ApiEndpoints {
    private final CreditLedger ledger;
    private final RiskReports reports;
    private final Auth auth;

    /** The body of a period closing. */
    record Close(String end) {
    }

    public CreditEndpoints(CreditLedger ledger, RiskReports reports, Auth auth) {
        this.ledger = ledger;
        this.reports = reports;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/credit-periods", this::close);
        r.add(HandlerType.GET, "/patients/{patientId}/credits", this::balance);
        r.add(HandlerType.POST, "/patients/{patientId}/risk-reports", this::report);
    }

    Result<Reply> close(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, Close.class).flatMap(body -> instant(body.end())
                .flatMap(end -> ledger.close(actor, end)))).map(p -> Reply.json(201, period(p)));
    }

    Result<Reply> balance(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> ledger
                .balance(actor, patient))).map(b -> Reply.ok(Map.of("patientId", b.patient().toString(), "balance", b
                        .balance(), "entries", b.entries().stream().map(CreditEndpoints::entry).toList(),
                        "riskReportPrice", reports.price())));
    }

    Result<Reply> report(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .idempotencyKey(ctx).flatMap(key -> key.isEmpty()
                        ? Result.<RiskReports.Report>fail(Failure.of(ErrorCode.INVALID_REQUEST,
                                "a risk report needs an Idempotency-Key", "Idempotency-Key"))
                        : reports.order(actor, patient, key.get()))))
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("redemptionId", r.redemption().id().toString());
                    m.put("duplicate", r.redemption().duplicate());
                    m.put("price", r.redemption().price());
                    m.put("balance", r.redemption().balance());
                    m.put("assessments", parsed(r.assessments()));
                    m.put("history", r.history().stream().map(RiskEndpoints::json).toList());
                    return Reply.json(r.redemption().duplicate() ? 200 : 201, m);
                });
    }

    private static Result<Instant> instant(String s) {
        try {
            return Result.ok(Instant.parse(String.valueOf(s)));
        } catch (DateTimeParseException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "end must be an ISO-8601 instant", "end"));
        }
    }

    private static List<JsonNode> parsed(List<byte[]> fhir) {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] json : fhir) {
            try {
                out.add(Json.mapper().readTree(json));
            } catch (IOException e) {
                throw new IllegalStateException("a RiskAssessment the node rendered does not parse", e);
            }
        }
        return out;
    }

    static Map<String, Object> entry(CreditStore.Entry e) {
        return Map.of("kind", e.kind(), "amount", e.amount(), "at", e.at().toString(), "detail", e.detail());
    }

    static Map<String, Object> period(CreditStore.Period p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("start", p.start().toString());
        m.put("end", p.end().toString());
        m.put("treasurySettled", p.settled().treasury());
        m.put("feesSettled", p.settled().fees());
        m.put("fundedThroughBlock", p.settled().throughBlock());
        m.put("holdingPool", p.holdingPool());
        m.put("utilisationPool", p.utilisationPool());
        m.put("holdingPaid", p.statement().holdingPaid());
        m.put("utilisationPaid", p.statement().utilisationPaid());
        m.put("prorated", p.statement().prorated());
        m.put("depositors", p.statement().credits().size());
        return m;
    }
}
