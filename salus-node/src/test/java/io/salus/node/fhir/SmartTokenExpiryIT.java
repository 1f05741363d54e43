package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.smart.AuthorizationRequest;
import io.salus.core.smart.AuthorizationServer;
import io.salus.core.smart.ClientAuth;
import io.salus.core.smart.Pkce;
import io.salus.core.smart.Scopes;
import io.salus.core.smart.SmartClients;
import io.salus.core.smart.TokenChecks;
import io.salus.core.smart.TokenResponse;
import io.salus.crypto.smart.NimbusAccessTokens;
import io.salus.node.it.SharedNode;
import io.salus.node.web.MutableClock;
import io.salus.store.PostgresAccountStore;
import io.salus.store.PostgresSmartStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lifetimes of codes and tokens, on the real PostgreSQL store and signer with a clock the test moves: expired codes,
 * access tokens and refresh tokens are refused.
 */
class SmartTokenExpiryIT {
    static final String AUD = "https://fhir.example/fhir";
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    PostgresSmartStore store;
    AuthorizationServer server;
    TokenChecks checks;
    String clientId;
    Account patient;
    final String verifier = SmartFlow.random(48);
    final byte[] secret = new byte[32];

    @BeforeEach
    void setUp() {
        Jdbi jdbi = Jdbi.create(SharedNode.node().dataSource());
        store = new PostgresSmartStore(jdbi);
        SecureRandom random = new SecureRandom();
        random.nextBytes(secret);
        NimbusAccessTokens tokens = new NimbusAccessTokens(secret, () -> "https://fhir.example");
        server = new AuthorizationServer(store, tokens, new AuthorizationServer.Settings(Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofDays(1), () -> AUD), clock, random);
        PostgresAccountStore accounts = new PostgresAccountStore(jdbi, clock);
        checks = new TokenChecks(store, tokens, server, accounts, () -> AUD, clock);
        Account operator = accounts.find(SharedNode.node().operator().id()).orElseThrow();
        clientId = new SmartClients(store, clock, random).register(operator, new SmartClients.NewClient("Expiry",
                false, List.of(SmartFlow.REDIRECT), "patient/*.rs offline_access")).orElseThrow().client()
                .clientId();
        patient = accounts.find(AccountId.parse(SharedNode.open("PATIENT", "Expiry patient").id()).orElseThrow())
                .orElseThrow();
    }

    String code() {
        AuthorizationRequest req = server.check(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", SmartFlow.REDIRECT, "scope", "patient/*.rs offline_access", "state", "s", "aud",
                AUD, "code_challenge", Pkce.s256(verifier), "code_challenge_method", "S256")).orElseThrow();
        return server.approve(patient, req, Scopes.parse("patient/*.rs offline_access").orElseThrow())
                .orElseThrow();
    }

    ClientAuth auth() {
        return new ClientAuth(clientId, Optional.empty());
    }

    @Test
    void anExpiredAccessToken_isRefused() {
        TokenResponse t = server.exchange(auth(), code(), SmartFlow.REDIRECT, verifier).orElseThrow();
        assertThat(checks.access(t.accessToken()).isOk()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(checks.access(t.accessToken()).failure().code()).isEqualTo(ErrorCode.SMART_TOKEN_INVALID);
        assertThat(checks.introspect(auth(), t.accessToken()).orElseThrow().active()).isFalse();
    }

    @Test
    void anExpiredAuthorizationCode_isRefused() {
        String code = code();
        clock.advance(Duration.ofSeconds(60));
        assertThat(server.exchange(auth(), code, SmartFlow.REDIRECT, verifier).failure().code())
                .isEqualTo(ErrorCode.SMART_INVALID_GRANT);
    }

    @Test
    void anExpiredRefreshToken_isRefused() {
        TokenResponse t = server.exchange(auth(), code(), SmartFlow.REDIRECT, verifier).orElseThrow();
        clock.advance(Duration.ofDays(1));
        assertThat(server.refresh(auth(), t.refreshToken().orElseThrow(), Optional.empty()).failure().code())
                .isEqualTo(ErrorCode.SMART_INVALID_GRANT);
    }

    @Test
    void aTokenSignedWithAnotherSecret_isRefused() {
        TokenResponse t = server.exchange(auth(), code(), SmartFlow.REDIRECT, verifier).orElseThrow();
        TokenChecks elsewhere = new TokenChecks(store, new NimbusAccessTokens(new byte[32], () -> "x"), server,
                new PostgresAccountStore(Jdbi.create(SharedNode.node().dataSource()), clock), () -> AUD, clock);
        assertThat(elsewhere.access(t.accessToken()).isOk()).as("another node's secret").isFalse();
    }

    @Test
    void aTokenForAnotherAudience_isRefused() {
        TokenResponse t = server.exchange(auth(), code(), SmartFlow.REDIRECT, verifier).orElseThrow();
        TokenChecks otherServer = new TokenChecks(store, new NimbusAccessTokens(secret, () -> "https://fhir.example"),
                server, new PostgresAccountStore(Jdbi.create(SharedNode.node().dataSource()), clock),
                () -> "https://other.example/fhir", clock);
        assertThat(otherServer.access(t.accessToken()).isOk()).isFalse();
    }
}
