package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.emergency.BreakGlass;
import io.salus.core.usecase.emergency.BreakGlassReviews;
import io.salus.core.usecase.emergency.EmergencyPreferences;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Emergency (break-the-glass) access: a responder opens a patient's emergency profile with a justification and reads
 * it again while the access lasts; the patient opts out in advance; the patient and delegates receiving alerts read
 * their notices and the patient's emergency accesses with their reviews; auditors review them.
 */
public final class EmergencyEndpoints implements ApiEndpoints {
    private static final int LIMIT = 100;
    private final BreakGlass breakGlass;
    private final BreakGlassReviews reviews;
    private final EmergencyPreferences preferences;
    private final Auth auth;

    public EmergencyEndpoints(BreakGlass breakGlass, BreakGlassReviews reviews, EmergencyPreferences preferences,
            Auth auth) {
        this.breakGlass = breakGlass;
        this.reviews = reviews;
        this.preferences = preferences;
        this.auth = auth;
    }

    public record OpenBody(String justification) {
    }

    public record PreferenceBody(Boolean optOut) {
    }

    public record ReviewBody(Boolean justified, String note) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/patients/{patientId}/emergency-access", this::open);
        r.add(HandlerType.GET, "/patients/{patientId}/emergency-access", this::log);
        r.add(HandlerType.GET, "/patients/{patientId}/emergency-preference", this::preference);
        r.add(HandlerType.PUT, "/patients/{patientId}/emergency-preference", this::prefer);
        r.add(HandlerType.GET, "/emergency-access/{accessId}/profile", this::reread);
        r.add(HandlerType.GET, "/emergency-access/pending-review", this::pending);
        r.add(HandlerType.POST, "/emergency-access/{accessId}/review", this::review);
        r.add(HandlerType.GET, "/accounts/me/emergency-notices", this::notices);
    }

    Result<Reply> open(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> Requests.json(ctx, OpenBody.class)
                        .flatMap(b -> breakGlass.open(actor, p, b.justification()))))
                .map(o -> Reply.json(201, opened(o)));
    }

    Result<Reply> reread(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> accessId(ctx).flatMap(id -> breakGlass.reread(actor, id)))
                .map(o -> Reply.ok(opened(o)));
    }

    Result<Reply> log(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> reviews.log(actor, p, LIMIT)))
                .map(l -> Reply.ok(Map.of("accesses", l.stream().map(EmergencyEndpoints::view).toList())));
    }

    Result<Reply> preference(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> preferences.optedOut(actor, p))).map(o -> Reply.ok(Map.of("optOut", o)));
    }

    Result<Reply> prefer(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.accountId(ctx, "patientId")
                .flatMap(p -> Requests.json(ctx, PreferenceBody.class).flatMap(b -> b.optOut() == null
                        ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "optOut is required", "optOut"))
                        : preferences.setOptedOut(actor, p, b.optOut()))))
                .map(o -> Reply.ok(Map.of("optOut", o)));
    }

    Result<Reply> pending(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> reviews.pending(actor, LIMIT))
                .map(l -> Reply.ok(Map.of("accesses", l.stream().map(EmergencyEndpoints::view).toList())));
    }

    Result<Reply> review(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> accessId(ctx).flatMap(id -> Requests.json(ctx, ReviewBody.class)
                .flatMap(b -> b.justified() == null
                        ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "justified is required", "justified"))
                        : reviews.review(actor, id, b.justified(), b.note()))))
                .map(a -> Reply.ok(view(a)));
    }

    Result<Reply> notices(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(Map.of("notices", preferences.notices(actor, LIMIT).stream()
                .map(EmergencyEndpoints::notice).toList())));
    }

    private static Result<UUID> accessId(Context ctx) {
        try {
            return Result.ok(UUID.fromString(ctx.pathParam("accessId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "accessId must be a UUID", "accessId"));
        }
    }

    private static Map<String, Object> opened(BreakGlass.Opened o) {
        Map<String, Object> m = view(o.access());
        m.put("notified", o.notified().stream().map(EmergencyEndpoints::notice).toList());
        m.put("profile", tree(o.profile()));
        return m;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the emergency profile is not JSON", e);
        }
    }

    static Map<String, Object> view(BreakGlassAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessId", a.id().toString());
        m.put("responderId", a.responder().toString());
        m.put("patientId", a.patient().toString());
        m.put("justification", a.justification());
        m.put("credentialType", a.credentialType().name());
        m.put("attestationId", a.attestationId());
        m.put("openedAt", a.openedAt().toString());
        m.put("expiresAt", a.expiresAt().toString());
        m.put("auditEntries", a.auditEntries().stream().map(UUID::toString).toList());
        m.put("txHash", a.txHash());
        a.review().ifPresentOrElse(r -> m.put("review", Map.of("reviewerId", r.reviewer().toString(), "justified",
                r.justified(), "note", r.note(), "at", r.at().toString())), () -> m.put("review", null));
        return m;
    }

    private static Map<String, Object> notice(EmergencyNotice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessId", n.access().toString());
        m.put("recipientId", n.recipient().toString());
        m.put("role", n.role().name());
        m.put("patientId", n.patient().toString());
        m.put("at", n.at().toString());
        m.put("text", n.text());
        return m;
    }
}
