package io.salus.core.smart;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SMART App Launch authorization server (standalone launch, patient context): the authorization-code flow with
 * PKCE S256, refresh tokens with rotation. Authorization codes are single-use, short-lived and bound to the client,
 * the redirect URI and the PKCE challenge; a replayed code or a reused (already rotated) refresh token revokes the
 * whole grant, so tokens obtained with a stolen code or refresh token die as well (RFC 6749 §4.1.2, OAuth 2.0 Security
 * BCP §4.14). Revocation, introspection and token checks are in {@link TokenChecks}. Thread-safe.
 */
public final class AuthorizationServer {
    private final SmartStore store;
    private final AccessTokens tokens;
    private final Settings settings;
    private final Secrets secrets;
    private final Clock clock;

    /**
     * Lifetimes and the audience access tokens are for: the FHIR base URL, known once the node listens (a port 0
     * picks a free one), hence a supplier.
     */
    public record Settings(Duration codeLifetime, Duration accessTokenLifetime, Duration refreshTokenLifetime,
            java.util.function.Supplier<String> audience) {
    }

    public AuthorizationServer(SmartStore store, AccessTokens tokens, Settings settings, Clock clock,
            java.security.SecureRandom random) {
        this.store = store;
        this.tokens = tokens;
        this.settings = settings;
        this.secrets = new Secrets(random);
        this.clock = clock;
    }

    /**
     * Checks an authorization request's parameters. A failure with {@link ErrorCode#SMART_INVALID_CLIENT} or
     * {@link ErrorCode#SMART_REDIRECT_MISMATCH} must not be redirected to the client (RFC 6749 §4.1.2.1); other failures
     * are redirected with their OAuth error.
     */
    public Result<AuthorizationRequest> check(Map<String, String> p) {
        Optional<SmartClient> client = Optional.ofNullable(p.get("client_id")).flatMap(store::client);
        if (client.isEmpty()) {
            return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "unknown client_id");
        }
        String redirect = p.get("redirect_uri");
        if (redirect == null || !client.get().redirectUris().contains(redirect)) {
            return Result.fail(ErrorCode.SMART_REDIRECT_MISMATCH, "redirect_uri is not registered for the client");
        }
        if (!"code".equals(p.get("response_type"))) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "response_type must be code");
        }
        if (!"S256".equals(p.get("code_challenge_method")) || !Pkce.isChallenge(p.get("code_challenge"))) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "PKCE with code_challenge_method S256 is required");
        }
        String state = p.get("state");
        if (state == null || state.isEmpty() || state.length() > 512) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "state is required (at most 512 characters)");
        }
        if (!settings.audience().get().equals(p.get("aud"))) {
            return Result.fail(ErrorCode.SMART_INVALID_REQUEST, "aud must be this server's FHIR base URL "
                    + settings.audience().get());
        }
        return Scopes.parse(p.get("scope")).flatMap(asked -> {
            Scopes granted = asked.within(client.get().allowed());
            if (granted.resources().isEmpty()) {
                return Result.fail(ErrorCode.SMART_INVALID_SCOPE,
                        "none of the requested resource scopes is allowed for this client");
            }
            return Result.ok(new AuthorizationRequest(client.get(), redirect, granted, state,
                    p.get("code_challenge")));
        });
    }

    /**
     * The signed-in patient approves the request, possibly for fewer scopes than were asked: returns the
     * authorization code for the redirect.
     */
    public Result<String> approve(Account patient, AuthorizationRequest request, Scopes approved) {
        if (patient.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.SMART_ACCESS_DENIED, "only a patient approves a patient launch");
        }
        Scopes scopes = approved.within(request.scopes());
        if (scopes.resources().isEmpty()) {
            return Result.fail(ErrorCode.SMART_ACCESS_DENIED, "no resource scope was approved");
        }
        Instant now = now();
        String code = secrets.next();
        SmartGrant grant = new SmartGrant(UUID.randomUUID(), request.client().clientId(), patient.id(), scopes, now,
                Optional.empty());
        store.saveGrant(grant, Secrets.hash(code), new SmartStore.CodeBinding(request.redirectUri(),
                request.codeChallenge(), now.plus(settings.codeLifetime())));
        return Result.ok(code);
    }

    /** The authorization_code grant: consumes the code and issues tokens, or refuses with invalid_grant. */
    public Result<TokenResponse> exchange(ClientAuth auth, String code, String redirectUri, String verifier) {
        Result<SmartClient> client = authenticate(auth);
        if (!client.isOk()) {
            return Result.fail(client.failure());
        }
        if (code == null || code.length() > 512) {
            return invalidGrant("code is missing");
        }
        Instant now = now();
        Optional<SmartStore.UsedCode> used = store.useCode(Secrets.hash(code), now);
        if (used.isEmpty()) {
            return invalidGrant("unknown authorization code");
        }
        SmartStore.UsedCode u = used.get();
        if (!u.firstUse()) {
            store.revokeGrant(u.grant().id(), now);
            return invalidGrant("the authorization code was already used; its grant is revoked");
        }
        if (!now.isBefore(u.binding().expiresAt())) {
            return invalidGrant("the authorization code expired");
        }
        if (!u.grant().clientId().equals(client.orElseThrow().clientId())) {
            return invalidGrant("the authorization code was issued to another client");
        }
        if (!u.binding().redirectUri().equals(redirectUri)) {
            return invalidGrant("redirect_uri differs from the authorization request's");
        }
        if (!Pkce.verifies(verifier, u.binding().codeChallenge())) {
            return invalidGrant("code_verifier does not match the code_challenge");
        }
        if (u.grant().revoked()) {
            return invalidGrant("the grant was revoked");
        }
        return Result.ok(issue(u.grant(), u.grant().scopes(), now));
    }

    /** The refresh_token grant with rotation: the presented token is used up and a new one is returned. */
    public Result<TokenResponse> refresh(ClientAuth auth, String refreshToken, Optional<String> scope) {
        Result<SmartClient> client = authenticate(auth);
        if (!client.isOk()) {
            return Result.fail(client.failure());
        }
        if (refreshToken == null || refreshToken.length() > 512) {
            return invalidGrant("refresh_token is missing");
        }
        Instant now = now();
        Optional<SmartStore.UsedRefresh> used = store.useRefreshToken(Secrets.hash(refreshToken), now);
        if (used.isEmpty()) {
            return invalidGrant("unknown refresh token");
        }
        SmartGrant grant = used.get().grant();
        if (!grant.clientId().equals(client.orElseThrow().clientId())) {
            return invalidGrant("the refresh token was issued to another client");
        }
        if (!used.get().firstUse()) {
            store.revokeGrant(grant.id(), now);
            return invalidGrant("the refresh token was already used; its grant is revoked");
        }
        if (grant.revoked() || !now.isBefore(used.get().expiresAt())) {
            return invalidGrant("the refresh token expired or was revoked");
        }
        Scopes scopes = grant.scopes();
        if (scope.isPresent()) {
            Result<Scopes> asked = Scopes.parse(scope.get());
            if (!asked.isOk()) {
                return Result.fail(asked.failure());
            }
            scopes = asked.orElseThrow().within(grant.scopes());
        }
        return Result.ok(issue(grant, scopes, now));
    }

    /** Client authentication: a confidential client must present its secret; a public client its id only. */
    Result<SmartClient> authenticate(ClientAuth auth) {
        Optional<SmartClient> client = Optional.ofNullable(auth.clientId()).filter(id -> id.length() <= 200)
                .flatMap(store::client);
        if (client.isEmpty()) {
            return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "unknown client");
        }
        if (client.get().confidential()
                && !auth.secret().map(s -> Secrets.matches(s, client.get().secretHash().orElseThrow())).orElse(false)) {
            return Result.fail(ErrorCode.SMART_INVALID_CLIENT, "the client secret is missing or wrong");
        }
        return Result.ok(client.get());
    }

    private TokenResponse issue(SmartGrant grant, Scopes scopes, Instant now) {
        Instant expires = now.plus(settings.accessTokenLifetime());
        String access = tokens.sign(new AccessTokens.Claims(UUID.randomUUID().toString(), grant.id(),
                grant.clientId(), grant.patient(), scopes.text(), settings.audience().get(), now, expires));
        Optional<String> refresh = Optional.empty();
        if (grant.scopes().wantsRefresh()) {
            String r = secrets.next();
            store.saveRefreshToken(Secrets.hash(r), grant.id(), now.plus(settings.refreshTokenLifetime()));
            refresh = Optional.of(r);
        }
        return new TokenResponse(access, settings.accessTokenLifetime().toSeconds(), scopes.text(), refresh,
                grant.patient());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> Result<T> invalidGrant(String why) {
        return Result.fail(ErrorCode.SMART_INVALID_GRANT, why);
    }
}
