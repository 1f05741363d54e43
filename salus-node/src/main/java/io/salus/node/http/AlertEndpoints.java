package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Consciousness;
import io.salus.core.monitoring.Escalation;
import io.salus.core.usecase.monitoring.AlertAudit;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.core.usecase.monitoring.PlanConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Monitoring: a patient's alerts (the patient, their delegates receiving alerts, the providers they chose), the
 * caller's alert inbox, one alert with its escalation and data freshness, its acknowledgement, its FHIR Flag and
 * Communications, its audit; the patient's monitoring choices and the NEWS2 context no device reports.
 */
public final class AlertEndpoints implements ApiEndpoints {
    private static final int LIMIT = 100;
    private final AlertService alerts;
    private final Auth auth;

    public AlertEndpoints(AlertService alerts, Auth auth) {
        this.alerts = alerts;
        this.auth = auth;
    }

    /** The patient's choices: providers in escalation order, silence periods in minutes per measure. */
    public record PlanBody(List<String> providers, Map<String, Integer> silenceMinutes) {
    }

    /** The NEWS2 inputs no device reports. */
    public record ContextBody(boolean onOxygen, String consciousness) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/patients/{patientId}/health-alerts", this::ofPatient);
        r.add(HandlerType.GET, "/health-alerts", this::inbox);
        r.add(HandlerType.GET, "/health-alerts/{alertId}", this::one);
        r.add(HandlerType.POST, "/health-alerts/{alertId}/acknowledgement", this::acknowledge);
        r.add(HandlerType.GET, "/health-alerts/{alertId}/fhir", this::fhir);
        r.add(HandlerType.GET, "/health-alerts/{alertId}/audit", this::audit);
        r.add(HandlerType.GET, "/patients/{patientId}/monitoring", this::plan);
        r.add(HandlerType.PUT, "/patients/{patientId}/monitoring", this::choose);
        r.add(HandlerType.PUT, "/patients/{patientId}/monitoring/context", this::context);
    }

    Result<Reply> ofPatient(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> alerts.ofPatient(actor, p, LIMIT)))
                .map(l -> Reply.ok(Map.of("alerts", l.stream().map(AlertEndpoints::view).toList())));
    }

    Result<Reply> inbox(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("alerts", alerts.inbox(actor, LIMIT).stream()
                .map(AlertEndpoints::view).toList())));
    }

    Result<Reply> one(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> alerts.find(actor, ctx.pathParam("alertId")))
                .map(v -> Reply.ok(view(v)));
    }

    Result<Reply> acknowledge(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> alerts.acknowledge(actor, ctx.pathParam("alertId")))
                .map(v -> Reply.ok(view(v)));
    }

    /** A FHIR {@code collection} Bundle of the alert's Flag and its Communications. */
    Result<Reply> fhir(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> alerts.fhir(actor, ctx.pathParam("alertId")))
                .map(Reply::fhirCollection);
    }

    Result<Reply> audit(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> alerts.audits(actor, ctx.pathParam("alertId")))
                .map(l -> Reply.ok(Map.of("events", l.stream().map(AlertEndpoints::audit).toList())));
    }

    Result<Reply> plan(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> alerts.plan(actor, p))).map(p -> Reply.ok(plan(p)));
    }

    Result<Reply> choose(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> Requests.json(ctx, PlanBody.class).flatMap(b -> parsed(b)
                        .flatMap(parsed -> alerts.choose(actor, p, parsed.providers(), parsed.silence())))))
                .map(p -> Reply.ok(plan(p)));
    }

    Result<Reply> context(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> Requests.json(ctx, ContextBody.class).flatMap(b -> consciousness(b.consciousness())
                        .flatMap(c -> alerts.context(actor, p, b.onOxygen(), c)))))
                .map(c -> Reply.ok(Map.of("onOxygen", c.onOxygen().orElseThrow(), "consciousness", c.consciousness()
                        .orElseThrow().name())));
    }

    private static Result<PlanConfig> parsed(PlanBody b) {
        List<Failure.Issue> issues = new ArrayList<>();
        List<AccountId> providers = new ArrayList<>();
        List<String> given = b.providers() == null ? List.of() : b.providers();
        for (int i = 0; i < given.size(); i++) {
            Optional<AccountId> id = given.get(i) == null ? Optional.empty() : AccountId.parse(given.get(i));
            id.ifPresent(providers::add);
            if (id.isEmpty()) {
                issues.add(new Failure.Issue("not an account id", "providers[" + i + "]"));
            }
        }
        Map<Measure, Duration> silence = new EnumMap<>(Measure.class);
        Map<String, Integer> minutes = b.silenceMinutes() == null ? Map.of() : b.silenceMinutes();
        minutes.forEach((name, m) -> {
            try {
                silence.put(Measure.valueOf(name.toUpperCase(Locale.ROOT)), Duration.ofMinutes(m == null ? 0 : m));
            } catch (IllegalArgumentException e) {
                issues.add(new Failure.Issue("no measure " + name, "silenceMinutes." + name));
            }
        });
        if (!issues.isEmpty()) {
            return Result.fail(new Failure(ErrorCode.MONITORING_INVALID_RULE, issues.size()
                    + " problem(s) in the monitoring choices", issues));
        }
        return Result.ok(new PlanConfig(providers, silence));
    }

    private static Result<Consciousness> consciousness(String value) {
        try {
            return Result.ok(Consciousness.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "consciousness is one of "
                    + List.of(Consciousness.values()), "consciousness"));
        }
    }

    static Map<String, Object> view(AlertService.View v) {
        Alert a = v.alert();
        Escalation e = v.escalation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().toString());
        m.put("patientId", a.patient().toString());
        m.put("rule", a.rule().value());
        m.put("title", a.title());
        m.put("severity", a.severity().name());
        a.measure().ifPresent(x -> m.put("measure", x.name()));
        a.value().ifPresent(x -> m.put("value", x));
        m.put("unit", a.unit());
        m.put("detail", a.detail());
        m.put("dataAt", a.dataAt());
        m.put("raisedAt", a.raisedAt());
        m.put("freshnessSeconds", v.freshness().toSeconds());
        v.clearedAt().ifPresent(t -> m.put("clearedAt", t));
        m.put("status", e.status().name());
        e.due().ifPresent(t -> m.put("nextEscalationAt", t));
        m.put("notified", e.notices().stream().map(n -> Map.of("address", n.to().address().hex(), "role", n.to()
                .role().name(), "at", n.at(), "level", n.level())).toList());
        e.acknowledgement().ifPresent(k -> m.put("acknowledged", Map.of("by", k.by().hex(), "at", k.at())));
        return m;
    }

    private static Map<String, Object> audit(AlertAudit a) {
        return Map.of("id", a.id().toString(), "action", a.action().name(), "actor", a.actor(), "at", a.at(),
                "hash", a.hash().hex());
    }

    private static Map<String, Object> plan(PlanConfig p) {
        Map<String, Integer> silence = new LinkedHashMap<>();
        p.silence().forEach((m, d) -> silence.put(m.name(), (int) d.toMinutes()));
        return Map.of("providers", p.providers().stream().map(AccountId::toString).toList(), "silenceMinutes",
                silence);
    }
}
