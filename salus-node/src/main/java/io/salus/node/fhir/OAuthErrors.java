package io.salus.node.fhir;

import io.javalin.http.Context;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.node.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth 2 error responses (RFC 6749 §5.2): the error code, a description with the Salus code. Stateless. */
final class OAuthErrors {
    private OAuthErrors() {
    }

    static String error(ErrorCode code) {
        return switch (code) {
            case SMART_INVALID_CLIENT -> "invalid_client";
            case SMART_INVALID_GRANT -> "invalid_grant";
            case SMART_INVALID_SCOPE -> "invalid_scope";
            case SMART_ACCESS_DENIED -> "access_denied";
            case SMART_INVALID_REQUEST, SMART_REDIRECT_MISMATCH, INVALID_REQUEST -> "invalid_request";
            case FORBIDDEN, UNAUTHENTICATED -> "unauthorized_client";
            default -> "server_error";
        };
    }

    static void respond(Context ctx, Failure f) {
        int status = f.code() == ErrorCode.SMART_INVALID_CLIENT ? 401 : f.code().httpStatus() == 503 ? 503 : 400;
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"salus\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error(f.code()));
        body.put("error_description", f.code().code() + ": " + f.detail());
        json(ctx, status, body);
    }

    static void json(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        try {
            ctx.status(status).contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
