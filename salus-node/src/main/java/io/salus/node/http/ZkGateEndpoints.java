package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import io.salus.core.usecase.dao.GateAdministration;
import io.salus.core.zk.ScopePolicy;
import io.salus.zk.AttributeCodes;
import io.salus.zk.AttributeKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The zero-knowledge gate's administration (the operator): open a scope for a proof DAO or a study, register a
 * provider's BabyJubJub key; and a scope's policy (anyone signed in: the patient's prover builds its claim from it).
 * Both writes are idempotent (a repeat answers 200 with what exists; see {@link GateAdministration}).
 */
public final class ZkGateEndpoints implements ApiEndpoints {
    private final GateAdministration gate;
    private final Auth auth;

    public ZkGateEndpoints(GateAdministration gate, Auth auth) {
        this.gate = gate;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/zk/scopes", this::open);
        r.add(HandlerType.GET, "/zk/scopes/{scope}", this::policy);
        r.add(HandlerType.POST, "/zk/provider-keys", this::register);
    }

    /** kind: the attribute kind's name ({@code condition}, {@code birthDate}, {@code observation|system|code}). */
    record ScopeBody(String label, String kind, String lo, String hi, Long maxAgeSeconds, Integer minAgeYears) {
    }

    record KeyBody(String provider, String ax, String ay) {
    }

    Result<Reply> open(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, ScopeBody.class).flatMap(b -> scopePolicy(b)
                .flatMap(p -> gate.openScope(actor, Hashing.keccak256(b.label().getBytes(StandardCharsets.UTF_8)),
                        p))))
                .map(o -> Reply.json(o.opened() ? 201 : 200, view(o.scope(), o.policy())));
    }

    Result<Reply> policy(Context ctx) {
        return auth.caller(ctx).flatMap(a -> number(ctx.pathParam("scope"), "scope"))
                .flatMap(s -> gate.policy(s).map(p -> Reply.ok(view(s, p))));
    }

    Result<Reply> register(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, KeyBody.class).flatMap(b -> {
            if (b.provider() == null || !b.provider().matches("0x[0-9a-fA-F]{40}")) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "provider: the provider's 0x address",
                        "provider"));
            }
            return number(b.ax(), "ax").flatMap(ax -> number(b.ay(), "ay").flatMap(ay -> gate.registerProviderKey(
                    actor, new EvmAddress(b.provider()), ax, ay).map(
                            registered -> Reply.json(registered
                                    ? 201
                                    : 200,
                                    Map.of("provider", new EvmAddress(b.provider()).hex(), "ax", ax.toString(), "ay",
                                            ay.toString(), "active", true)))));
        }));
    }

    static Result<ScopePolicy> scopePolicy(ScopeBody b) {
        if (b.label() == null || b.label().isBlank() || b.label().length() > 200 || b.kind() == null
                || b.kind().isBlank() || b.maxAgeSeconds() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "label (1 to 200 characters), kind and "
                    + "maxAgeSeconds are required", "label"));
        }
        Result<BigInteger> lo = b.lo() == null ? Result.ok(BigInteger.ZERO) : number(b.lo(), "lo");
        Result<BigInteger> hi = b.hi() == null ? Result.ok(AttributeCodes.MAX_VALUE) : number(b.hi(), "hi");
        return lo.flatMap(l -> hi.flatMap(h -> {
            try {
                return Result.ok(new ScopePolicy(new AttributeKind(b.kind()).element(), l, h,
                        Duration.ofSeconds(b.maxAgeSeconds()), b.minAgeYears() == null ? 0 : b.minAgeYears()));
            } catch (IllegalArgumentException e) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, e.getMessage(), "lo"));
            }
        }));
    }

    private static Result<BigInteger> number(String text, String field) {
        try {
            BigInteger n = new BigInteger(text == null ? "" : text);
            return n.signum() < 0 || n.bitLength() > 256
                    ? Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + ": a non-negative number", field))
                    : Result.ok(n);
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + ": a decimal number", field));
        }
    }

    static Map<String, Object> view(BigInteger scope, ScopePolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", scope.toString());
        m.put("kind", p.kind().toString());
        m.put("lo", p.lo().toString());
        m.put("hi", p.hi().toString());
        m.put("maxAgeSeconds", p.maxAge().toSeconds());
        m.put("minAgeYears", p.minAgeYears());
        return m;
    }
}
