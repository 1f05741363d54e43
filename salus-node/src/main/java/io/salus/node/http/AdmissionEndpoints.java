package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Admissions;
import io.salus.core.federation.Member;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The consortium admin's side of the alliance (docs/federation.md): the node operator admits a node (its relayer
 * address, organisation, endpoint and Ed25519 signing key, as the candidate printed at its start) or removes one,
 * through the NodeRegistry's timelock; each call answers once the change is executed on chain. Only the operator of the
 * node that holds the alliance's admin role succeeds; anyone else is refused before anything reaches the chain.
 */
public final class AdmissionEndpoints implements ApiEndpoints {
    private final Optional<Admissions> admissions;
    private final Auth auth;

    public AdmissionEndpoints(Optional<Admissions> admissions, Auth auth) {
        this.admissions = admissions;
        this.auth = auth;
    }

    /** A candidate for admission. */
    public record AdmitBody(String node, String organisation, String endpoint, String signingKey) {
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/federation/members", this::admit);
        r.add(HandlerType.DELETE, "/federation/members/{node}", this::remove);
    }

    Result<Reply> admit(Context ctx) {
        return auth.operator(ctx).flatMap(op -> federated()).flatMap(a -> Requests.json(ctx, AdmitBody.class)
                .flatMap(AdmissionEndpoints::candidate).flatMap(a::admit)).map(m -> Reply.json(201, view(m)));
    }

    Result<Reply> remove(Context ctx) {
        return auth.operator(ctx).flatMap(op -> federated()).flatMap(a -> address(ctx.pathParam("node"))
                .flatMap(a::remove)).map(m -> Reply.ok(view(m)));
    }

    private static Result<Member> candidate(AdmitBody b) {
        if (b.node() == null || b.organisation() == null || b.endpoint() == null || b.signingKey() == null
                || b.organisation().isBlank() || b.organisation().length() > 200 || b.endpoint().length() > 500) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "node, organisation (1-200 characters), endpoint (up to "
                    + "500) and signingKey are required");
        }
        if (!b.endpoint().startsWith("http://") && !b.endpoint().startsWith("https://")) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "endpoint is an http(s) URL");
        }
        try {
            String hex = b.signingKey().startsWith("0x") ? b.signingKey().substring(2) : b.signingKey();
            byte[] key = HexFormat.of().parseHex(hex);
            if (key.length != 32) {
                return Result.fail(ErrorCode.INVALID_REQUEST, "signingKey is a 32-byte Ed25519 public key in hex");
            }
            return address(b.node()).map(n -> new Member(n, b.organisation(), b.endpoint(), key, true));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "signingKey is a 32-byte Ed25519 public key in hex");
        }
    }

    private static Result<EvmAddress> address(String s) {
        try {
            return Result.ok(new EvmAddress(s));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "node is the member's relayer address (0x and 40 hex)");
        }
    }

    private static Map<String, Object> view(Member m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("node", m.node().hex());
        v.put("organisation", m.organisation());
        v.put("endpoint", m.endpoint());
        v.put("signingKey", HexFormat.of().formatHex(m.signingKey()));
        v.put("active", m.active());
        return v;
    }

    private Result<Admissions> federated() {
        return admissions.<Result<Admissions>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance (docs/federation.md)"));
    }
}
