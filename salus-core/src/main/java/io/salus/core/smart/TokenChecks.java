package io.salus.core.smart;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a presented token means: every FHIR call's check of its access token, token revocation (RFC 7009) and token
 * introspection (RFC 7662). An access token is valid while its signature verifies, it is for this server's audience,
 * it has not expired, neither it nor its grant was revoked, and its patient's account still exists. Thread-safe.
 */
public final class TokenChecks {
    private final SmartStore store;
    private final AccessTokens tokens;
    private final AuthorizationServer server;
    private final AccountStore accounts;
    private final java.util.function.Supplier<String> audience;
    private final Clock clock;

    public TokenChecks(SmartStore store, AccessTokens tokens, AuthorizationServer server, AccountStore accounts,
            java.util.function.Supplier<String> audience, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.server = server;
        this.accounts = accounts;
        this.audience = audience;
        this.clock = clock;
    }

    /** An access token's patient, client and scopes, or {@link ErrorCode#SMART_TOKEN_INVALID}. */
    public Result<SmartAccess> access(String token) {
        Optional<AccessTokens.Claims> claims = valid(token);
        if (claims.isEmpty()) {
            return Result.fail(ErrorCode.SMART_TOKEN_INVALID, "the access token is invalid, expired or revoked");
        }
        AccessTokens.Claims c = claims.get();
        Optional<Account> patient = accounts.find(c.patient()).filter(a -> a.kind() == AccountKind.PATIENT);
        Result<Scopes> scopes = Scopes.parse(c.scope());
        if (patient.isEmpty() || !scopes.isOk()) {
            return Result.fail(ErrorCode.SMART_TOKEN_INVALID, "the access token's patient or scopes are gone");
        }
        return Result.ok(new SmartAccess(patient.get(), c.clientId(), scopes.orElseThrow(), c.grantId(),
                c.tokenId()));
    }

    /**
     * RFC 7009: revokes a refresh token (its whole grant) or an access token the client holds. Succeeds for unknown
     * or foreign tokens too (nothing is revealed); fails only when the client does not authenticate.
     */
    public Result<Boolean> revoke(ClientAuth auth, String token) {
        Result<SmartClient> client = server.authenticate(auth);
        if (!client.isOk()) {
            return Result.fail(client.failure());
        }
        String clientId = client.orElseThrow().clientId();
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Result.ok(false);
        }
        Instant now = clock.instant();
        Optional<SmartStore.UsedRefresh> refresh = store.findRefreshToken(Secrets.hash(token));
        if (refresh.isPresent() && refresh.get().grant().clientId().equals(clientId)) {
            store.revokeGrant(refresh.get().grant().id(), now);
            return Result.ok(true);
        }
        Optional<AccessTokens.Claims> access = tokens.verify(token).filter(c -> c.clientId().equals(clientId));
        if (access.isPresent()) {
            store.revokeAccessToken(access.get().tokenId(), access.get().expiresAt());
            return Result.ok(true);
        }
        return Result.ok(false);
    }

    /** RFC 7662 introspection by an authenticated client: active only for its own valid tokens. */
    public Result<Introspection> introspect(ClientAuth auth, String token) {
        Result<SmartClient> client = server.authenticate(auth);
        if (!client.isOk()) {
            return Result.fail(client.failure());
        }
        String clientId = client.orElseThrow().clientId();
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Result.ok(Introspection.INACTIVE);
        }
        Optional<AccessTokens.Claims> access = valid(token).filter(c -> c.clientId().equals(clientId));
        if (access.isPresent()) {
            AccessTokens.Claims c = access.get();
            return Result.ok(new Introspection(true, c.scope(), c.clientId(), c.patient().toString(),
                    "access_token", c.issuedAt().getEpochSecond(), c.expiresAt().getEpochSecond()));
        }
        Optional<SmartStore.UsedRefresh> refresh = store.findRefreshToken(Secrets.hash(token))
                .filter(r -> r.firstUse() && !r.grant().revoked() && r.grant().clientId().equals(clientId)
                        && clock.instant().isBefore(r.expiresAt()));
        return Result.ok(refresh.map(r -> new Introspection(true, r.grant().scopes().text(), clientId,
                r.grant().patient().toString(), "refresh_token", r.grant().approvedAt().getEpochSecond(),
                r.expiresAt().getEpochSecond())).orElse(Introspection.INACTIVE));
    }

    private Optional<AccessTokens.Claims> valid(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.verify(token).filter(c -> audience.get().equals(c.audience()) && now.isBefore(c.expiresAt()))
                .filter(c -> !store.accessTokenRevoked(c.tokenId()))
                .filter(c -> store.grant(c.grantId()).filter(g -> !g.revoked()).isPresent());
    }

    /** An introspection response; an inactive token says nothing else (RFC 7662 §2.2). */
    public record Introspection(boolean active, String scope, String clientId, String patient, String tokenType,
            long issuedAt, long expiresAt) {
        public static final Introspection INACTIVE = new Introspection(false, null, null, null, null, 0, 0);
    }
}
