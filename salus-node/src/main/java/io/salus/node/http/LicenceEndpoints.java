package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.credential.ProviderLicences;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider credentialing: a physician, pharmacy or hospital presents its licence credential at sign-up (verified like
 * any presentation, and it must be the licence of its kind), and reads its standing, re-checked against the status
 * list and the chain on every call as on every deposit and read.
 */
public final class LicenceEndpoints implements ApiEndpoints {
    private final ProviderLicences licences;
    private final Auth auth;

    public LicenceEndpoints(ProviderLicences licences, Auth auth) {
        this.licences = licences;
        this.auth = auth;
    }

    public record SignUpBody(String presentation) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/providers/me/licence", this::signUp);
        r.add(HandlerType.GET, "/providers/me/licence", this::status);
    }

    Result<Reply> signUp(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, SignUpBody.class).flatMap(b -> b
                .presentation() == null
                        ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "presentation is required", "presentation"))
                        : licences.signUp(actor, b.presentation())))
                .map(s -> Reply.json(201, view(s)));
    }

    Result<Reply> status(Context ctx) {
        return auth.caller(ctx).map(actor -> Reply.ok(view(licences.status(actor))));
    }

    private static Map<String, Object> view(ProviderLicences.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("standing", s.standing().name());
        m.put("licence", s.licence().map(Enum::name).orElse(null));
        m.put("attestationId", s.attestationId().orElse(null));
        m.put("mayAct", s.mayAct());
        m.put("refusal", s.refusal().map(ErrorCode::code).orElse(null));
        return m;
    }
}
