package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.Delegations;
import io.salus.core.usecase.consent.PatientAlerts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delegations to caregivers and legal representatives: set, list and revoke them (the patient), see whom one acts for
 * (the delegate), a patient's alerts (the patient and delegates receiving alerts), and the delegates' reads through
 * the record endpoints ({@code ?purpose=}, default {@code PATRQT}).
 */
public final class DelegationEndpoints implements ApiEndpoints {
    private final Delegations delegations;
    private final PatientAlerts patientAlerts;
    private final Auth auth;

    public DelegationEndpoints(Delegations delegations, PatientAlerts alerts, Auth auth) {
        this.delegations = delegations;
        this.patientAlerts = alerts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.PUT, "/patients/{patientId}/delegations/{delegateId}", this::set);
        r.add(HandlerType.DELETE, "/patients/{patientId}/delegations/{delegateId}", this::revoke);
        r.add(HandlerType.GET, "/patients/{patientId}/delegations", this::list);
        r.add(HandlerType.GET, "/accounts/me/delegations", this::mine);
        r.add(HandlerType.GET, "/patients/{patientId}/alerts", this::alerts);
    }

    Result<Reply> set(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId").flatMap(patient -> Requests
                .accountId(ctx, "delegateId").flatMap(delegate -> Requests
                        .json(ctx, ConsentRequests.DelegationBody.class).flatMap(b -> ConsentRequests
                                .scopes(b.scopes()).flatMap(scopes -> scopes == 0
                                        ? delegations.revoke(actor, patient, delegate)
                                        : ConsentRequests.instant(b.validUntil(), "validUntil")
                                                .flatMap(until -> delegations.set(actor, patient, delegate,
                                                        scopes, until)))))))
                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    Result<Reply> revoke(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> Requests.accountId(ctx, "delegateId")
                        .flatMap(delegate -> delegations.revoke(actor, patient, delegate))))
                .map(tx -> Reply.ok(Map.of("revoked", true, "txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> delegations.ofPatient(actor, patient)))
                .map(es -> Reply.ok(Map.of("delegations", es.stream().map(e -> entry(e, "delegate")).toList())));
    }

    Result<Reply> mine(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("actingFor",
                delegations.actingFor(actor).stream().map(e -> entry(e, "patient")).toList())));
    }

    Result<Reply> alerts(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(patient -> patientAlerts.of(actor, patient, limit(ctx))))
                .map(as -> Reply.ok(Map.of("alerts", as.stream().map(DelegationEndpoints::alert).toList())));
    }

    /** The patient's record list; for a delegate, through the decision point. */
    static Result<List<RecordSummary>> listRecords(DelegatedRecords records, Context ctx, Account actor,
            AccountId patient) {
        return purpose(ctx).flatMap(p -> records.list(actor, patient, p));
    }

    /** One record; for a delegate, through the decision point. */
    static Result<RecordService.Opened> readRecord(DelegatedRecords records, Context ctx, Account actor, RecordId id) {
        return purpose(ctx).flatMap(p -> records.read(actor, id, p));
    }

    /** The {@code purpose} query parameter, PATRQT when absent. */
    static Result<Purpose> purpose(Context ctx) {
        String q = ctx.queryParam("purpose");
        if (q == null) {
            return Result.ok(Purpose.PATRQT);
        }
        Optional<Purpose> p = Purpose.parse(q);
        return p.<Result<Purpose>>map(Result::ok).orElseGet(() -> Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                "purpose must be a PurposeOfUse code such as PATRQT", "purpose")));
    }

    private static Map<String, Object> entry(Delegations.Entry e, String side) {
        Map<String, Object> m = new LinkedHashMap<>();
        e.counterpart().ifPresent(a -> {
            m.put(side + "Id", a.id().toString());
            m.put("displayName", a.displayName());
            m.put("kind", a.kind().name());
        });
        m.put(side + "Address", ("patient".equals(side) ? e.delegation().patient() : e.delegation().delegate()).hex());
        m.put("scopes", DelegationScope.fromMask(e.delegation().scopes()).stream().map(Enum::name).toList());
        m.put("validUntil", e.delegation().validUntil());
        m.put("status", e.status().name());
        m.put("atBlock", e.delegation().atBlock());
        return m;
    }

    private static Map<String, Object> alert(PatientAlerts.Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind().name());
        m.put("at", a.at());
        a.block().ifPresent(b -> m.put("block", b));
        a.txHash().ifPresent(t -> m.put("txHash", t));
        m.put("text", a.text());
        m.putAll(a.facts());
        return m;
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        try {
            return l == null ? 100 : Math.max(1, Math.min(1000, Integer.parseInt(l)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
