package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.limit.Throttle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place expected failures become HTTP: RFC 9457 {@code application/problem+json} with the stable Salus code
 * and, for FHIR callers, an OperationOutcome listing every issue with its location. A failure that passes with time
 * (429 rate limits, a recovery's waiting period) carries {@code Retry-After} in seconds.
 */
public final class Problems {
    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    public static void respond(Context ctx, Failure f) {
        ctx.status(f.code().httpStatus());
        ctx.contentType(PROBLEM_JSON);
        f.retryAfter().ifPresent(w -> ctx.header("Retry-After", Long.toString(Throttle.seconds(w))));
        ctx.result(write(body(f, ctx.path())));
    }

    public static void respond(Context ctx, ErrorCode code, String detail) {
        respond(ctx, Failure.of(code, detail));
    }

    static Map<String, Object> body(Failure f, String instance) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:salus:problem:" + f.code().code());
        p.put("title", f.code().title());
        p.put("status", f.code().httpStatus());
        p.put("detail", f.detail());
        p.put("code", f.code().code());
        p.put("instance", instance);
        f.retryAfter().ifPresent(w -> p.put("retryAfterSeconds", Throttle.seconds(w)));
        p.put("operationOutcome", operationOutcome(f));
        return p;
    }

    static Map<String, Object> operationOutcome(Failure f) {
        List<Map<String, Object>> issues = new ArrayList<>();
        List<Failure.Issue> found = f.issues().isEmpty() ? List.of(new Failure.Issue(f.detail(), null)) : f.issues();
        for (Failure.Issue i : found) {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("severity", "error");
            issue.put("code", fhirIssueCode(f.code()));
            issue.put("details", Map.of("coding", List.of(Map.of("system", "urn:salus:error-code", "code",
                    f.code().code(), "display", f.code().title()))));
            issue.put("diagnostics", i.message());
            if (i.location() != null) {
                issue.put("expression", List.of(i.location()));
            }
            issues.add(issue);
        }
        return Map.of("resourceType", "OperationOutcome", "issue", issues);
    }

    private static String fhirIssueCode(ErrorCode c) {
        return switch (c.httpStatus()) {
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> c == ErrorCode.RECORD_TAMPERED ? "processing" : "conflict";
            case 413, 429 -> "too-costly";
            case 503 -> "transient";
            default -> c.code().compareTo("SALUS-0100") < 0 ? "invalid" : "processing";
        };
    }

    private static String write(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("problem body is not serialisable", e);
        }
    }
}
