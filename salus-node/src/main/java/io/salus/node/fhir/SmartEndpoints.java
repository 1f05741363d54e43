package io.salus.node.fhir;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.smart.AuthorizationRequest;
import io.salus.core.smart.AuthorizationServer;
import io.salus.core.smart.ClientAuth;
import io.salus.core.smart.SmartClients;
import io.salus.core.smart.TokenChecks;
import io.salus.core.smart.TokenResponse;
import io.salus.core.usecase.AccountService;
import io.salus.node.http.Json;
import io.salus.node.http.Problems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SMART authorization server's HTTP side: discovery ({@code .well-known/smart-configuration}), the authorization
 * endpoint (checks the request, then hands the browser to the portal's consent page), the token endpoint
 * (authorization_code with PKCE, refresh_token with rotation), revocation (RFC 7009), introspection (RFC 7662) and the
 * operator's client registration. OAuth errors are OAuth JSON ({@code error}, {@code error_description}); token
 * responses are never cached. Thread-safe.
 */
final class SmartEndpoints {
    static final String CONSENT_PATH = "/portal/smart/consent";
    private final AuthorizationServer server;
    private final TokenChecks tokens;
    private final SmartClients clients;
    private final AccountService accounts;
    private final PendingAuthorizations pending;
    private final Supplier<String> base;

    SmartEndpoints(AuthorizationServer server, TokenChecks tokens, SmartClients clients, AccountService accounts,
            PendingAuthorizations pending, Supplier<String> base) {
        this.server = server;
        this.tokens = tokens;
        this.clients = clients;
        this.accounts = accounts;
        this.pending = pending;
        this.base = base;
    }

    void install(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, "/.well-known/smart-configuration", this::configuration);
        config.routes.addHttpHandler(HandlerType.GET, "/oauth/authorize", this::authorize);
        config.routes.addHttpHandler(HandlerType.POST, "/oauth/token", this::token);
        config.routes.addHttpHandler(HandlerType.POST, "/oauth/revoke", this::revoke);
        config.routes.addHttpHandler(HandlerType.POST, "/oauth/introspect", this::introspect);
        config.routes.addHttpHandler(HandlerType.POST, "/smart/clients", this::register);
    }

    /** The SMART configuration document (also served under {@code /fhir/.well-known/}). */
    String configuration() {
        String b = base.get();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("issuer", b);
        c.put("authorization_endpoint", b + "/oauth/authorize");
        c.put("token_endpoint", b + "/oauth/token");
        c.put("revocation_endpoint", b + "/oauth/revoke");
        c.put("introspection_endpoint", b + "/oauth/introspect");
        c.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        c.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        c.put("response_types_supported", List.of("code"));
        c.put("code_challenge_methods_supported", List.of("S256"));
        c.put("scopes_supported", List.of("launch/patient", "offline_access", "online_access", "patient/*.rs",
                "patient/*.read", "patient/Observation.rs", "patient/Condition.rs", "patient/*.c"));
        c.put("capabilities", List.of("launch-standalone", "client-public", "client-confidential-symmetric",
                "context-standalone-patient", "permission-patient", "permission-v1", "permission-v2",
                "permission-offline", "permission-online"));
        try {
            return Json.mapper().writeValueAsString(c);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void configuration(Context ctx) {
        ctx.contentType("application/json").result(configuration());
    }

    private void authorize(Context ctx) {
        Map<String, String> p = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (v.size() == 1) {
                p.put(k, v.get(0));
            }
        });
        Result<AuthorizationRequest> checked = server.check(p);
        if (checked.isOk()) {
            ctx.redirect(CONSENT_PATH + "?request=" + pending.put(checked.orElseThrow()), HttpStatus.SEE_OTHER);
            return;
        }
        Failure f = checked.failure();
        if (f.code() == ErrorCode.SMART_INVALID_CLIENT || f.code() == ErrorCode.SMART_REDIRECT_MISMATCH) {
            // never redirect to an unverified redirect URI (RFC 6749 §4.1.2.1)
            ctx.status(400).contentType("text/plain; charset=utf-8")
                    .result("The app's authorization request was refused: " + f.code().code() + " " + f.detail());
            return;
        }
        ctx.redirect(errorRedirect(p.get("redirect_uri"), OAuthErrors.error(f.code()), f.detail(), p.get("state")),
                HttpStatus.SEE_OTHER);
    }

    static String errorRedirect(String redirectUri, String error, String description, String state) {
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=" + enc(error) + "&error_description="
                + enc(description) + (state == null ? "" : "&state=" + enc(state));
    }

    private void token(Context ctx) {
        Result<ClientAuth> auth = clientAuth(ctx);
        if (!auth.isOk()) {
            OAuthErrors.respond(ctx, auth.failure());
            return;
        }
        String grant = ctx.formParam("grant_type");
        Result<TokenResponse> r;
        if ("authorization_code".equals(grant)) {
            r = server.exchange(auth.orElseThrow(), ctx.formParam("code"), ctx.formParam("redirect_uri"),
                    ctx.formParam("code_verifier"));
        } else if ("refresh_token".equals(grant)) {
            r = server.refresh(auth.orElseThrow(), ctx.formParam("refresh_token"),
                    Optional.ofNullable(ctx.formParam("scope")));
        } else {
            OAuthErrors.json(ctx, 400, Map.of("error", "unsupported_grant_type", "error_description",
                    "grant_type must be authorization_code or refresh_token"));
            return;
        }
        if (!r.isOk()) {
            OAuthErrors.respond(ctx, r.failure());
            return;
        }
        TokenResponse t = r.orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", t.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", t.expiresIn());
        body.put("scope", t.scope());
        t.refreshToken().ifPresent(rt -> body.put("refresh_token", rt));
        body.put("patient", t.patient().toString());
        OAuthErrors.json(ctx, 200, body);
    }

    private void revoke(Context ctx) {
        Result<ClientAuth> auth = clientAuth(ctx);
        Result<Boolean> r = auth.flatMap(a -> tokens.revoke(a, ctx.formParam("token")));
        if (!r.isOk()) {
            OAuthErrors.respond(ctx, r.failure());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(200);
    }

    private void introspect(Context ctx) {
        Result<TokenChecks.Introspection> r = clientAuth(ctx).flatMap(a -> tokens.introspect(a,
                ctx.formParam("token")));
        if (!r.isOk()) {
            OAuthErrors.respond(ctx, r.failure());
            return;
        }
        TokenChecks.Introspection i = r.orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", i.active());
        if (i.active()) {
            body.put("scope", i.scope());
            body.put("client_id", i.clientId());
            body.put("sub", i.patient());
            body.put("patient", i.patient());
            body.put("token_type", i.tokenType());
            body.put("iat", i.issuedAt());
            body.put("exp", i.expiresAt());
            body.put("aud", base.get() + "/fhir");
        }
        OAuthErrors.json(ctx, 200, body);
    }

    private void register(Context ctx) {
        String h = ctx.header("Authorization");
        Optional<Account> operator = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? accounts.authenticate(h.substring(7).trim()).filter(a -> a.kind() == AccountKind.OPERATOR)
                : Optional.empty();
        if (operator.isEmpty()) {
            Problems.respond(ctx, ErrorCode.FORBIDDEN, "only the node operator registers SMART apps");
            return;
        }
        Result<SmartClients.Registered> r;
        try {
            var body = Json.mapper().readTree(ctx.bodyAsBytes());
            List<String> uris = new java.util.ArrayList<>();
            body.path("redirectUris").forEach(n -> uris.add(n.asText()));
            r = clients.register(operator.get(), new SmartClients.NewClient(body.path("name").asText(null),
                    body.path("confidential").asBoolean(false), uris, body.path("scopes").asText(null)));
        } catch (java.io.IOException e) {
            r = Result.fail(ErrorCode.INVALID_JSON, "the body is not JSON");
        }
        if (!r.isOk()) {
            Problems.respond(ctx, r.failure());
            return;
        }
        SmartClients.Registered reg = r.orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", reg.client().clientId());
        reg.secret().ifPresent(s -> out.put("clientSecret", s));
        out.put("name", reg.client().name());
        out.put("redirectUris", reg.client().redirectUris());
        out.put("scopes", reg.client().allowed().text());
        OAuthErrors.json(ctx, 201, out);
    }

    /** HTTP Basic (client_secret_basic) or form fields (client_secret_post, or a public client's id alone). */
    static Result<ClientAuth> clientAuth(Context ctx) {
        String h = ctx.header("Authorization");
        String formId = ctx.formParam("client_id");
        if (h != null && h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "malformed Basic credentials");
                }
                String id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                String secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                if (formId != null && !formId.equals(id)) {
                    return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "client_id differs from the credentials");
                }
                return Result.ok(new ClientAuth(id, Optional.of(secret)));
            } catch (IllegalArgumentException e) {
                return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "malformed Basic credentials");
            }
        }
        if (formId == null) {
            return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "the client is not identified");
        }
        return Result.ok(new ClientAuth(formId, Optional.ofNullable(ctx.formParam("client_secret"))));
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
