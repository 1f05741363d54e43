package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.CountRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.limit.Throttle;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.usecase.federation.FederatedDiscovery;
import io.salus.core.usecase.federation.MemberCounts;
import io.salus.core.federation.NodeRequests;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alliance over HTTP: the members as the chain lists them, a consumer's federated count at its home node, and a
 * member's own count for another node ({@value #MEMBER_COUNTS}, accepted only as a request signed by an active member,
 * RFC 9421, and within the asking node's rate limit). On a node outside an alliance each answers
 * {@code NOT_FEDERATED}.
 */
public final class FederationEndpoints implements ApiEndpoints {
    /** The path of the node-to-node count (what {@code HttpMemberClient} signs). */
    public static final String MEMBER_COUNTS = "/federation/counts";
    private final Optional<Parts> parts;
    private final Auth auth;
    private final Throttle memberCounts;

    /** What a federated node serves. */
    public record Parts(MemberDirectory directory, NodeRequests requests, MemberCounts counts,
            FederatedDiscovery discovery) {
    }

    /** @param memberCounts the counts each member node may ask of this one, keyed by the verified node */
    public FederationEndpoints(Optional<Parts> parts, Auth auth, Throttle memberCounts) {
        this.parts = parts;
        this.auth = auth;
        this.memberCounts = memberCounts;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.GET, "/federation/members", this::members);
        r.add(HandlerType.POST, MEMBER_COUNTS, this::memberCount);
        r.add(HandlerType.POST, "/cohorts/federated-count", this::federatedCount);
    }

    /** The body of a node-to-node count (the consumer's home node names the audience, consumer and organisation). */
    public record MemberCountBody(String audience, String consumer, String organisation, JsonNode criteria,
            List<String> categories, String purpose, String epsilon) {
    }

    Result<Reply> members(Context ctx) {
        return federated().map(p -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Member m : p.directory().members()) {
                list.add(Map.of("node", m.node().hex(), "organisation", m.organisation(), "endpoint", m.endpoint(),
                        "signingKey", HexFormat.of().formatHex(m.signingKey()), "active", m.active()));
            }
            return Reply.ok(Map.of("self", p.requests().self().hex(), "members", list));
        });
    }

    Result<Reply> memberCount(Context ctx) {
        return federated().flatMap(p -> {
            byte[] body = ctx.bodyAsBytes();
            SignedHeaders h = new SignedHeaders(ctx.header(SignedHeaders.CONTENT_DIGEST),
                    ctx.header(SignedHeaders.SIGNATURE_INPUT), ctx.header(SignedHeaders.SIGNATURE));
            return p.requests().verify("POST", ctx.path(), h, body)
                    .flatMap(from -> memberCounts.take("node:" + from.node().hex()).map(ok -> from))
                    .flatMap(from -> Requests.json(ctx, MemberCountBody.class)
                            .flatMap(b -> request(b).flatMap(r -> p.counts().answer(from, r))));
        }).map(count -> Reply.ok(count instanceof NoisyCount.Released rel
                ? Map.of("released", true, "count", rel.value(), "display", count.display())
                : Map.of("released", false, "fewerThan", ((NoisyCount.FewerThan) count).threshold(), "display",
                        count.display())));
    }

    private static Result<CountRequest> request(MemberCountBody b) {
        if (b.audience() == null || b.consumer() == null || b.organisation() == null || b.epsilon() == null) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "audience, consumer, organisation and epsilon are required");
        }
        try {
            EvmAddress audience = new EvmAddress(b.audience());
            EvmAddress consumer = new EvmAddress(b.consumer());
            return DealEndpoints.categories(b.categories()).flatMap(cats -> DealEndpoints.purpose(b.purpose())
                    .flatMap(p -> DealEndpoints.criteria(b.criteria()).map(c -> new CountRequest(audience, consumer,
                            b.organisation(), c, cats, p, b.epsilon()))));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
    }

    Result<Reply> federatedCount(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> Requests.json(ctx,
                MarketEndpoints.CountBody.class).flatMap(
                        b -> DealEndpoints.categories(b.categories())
                                .flatMap(cats -> DealEndpoints.purpose(b.purpose()).flatMap(pur -> DealEndpoints
                                        .criteria(b.criteria())
                                        .flatMap(criteria -> p.discovery().count(c, criteria, cats,
                                                pur, b.epsilon())))))))
                .map(f -> Reply.ok(view(f)));
    }

    private static Map<String, Object> view(FederatedDiscovery.FederatedCount f) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (FederatedDiscovery.MemberAnswer a : f.members()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", a.node().hex());
            m.put("organisation", a.organisation());
            m.put("home", a.home());
            m.put("status", a.status().name());
            a.count().ifPresent(c -> m.put("count", c.display()));
            m.put("detail", a.detail());
            members.add(m);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("releasedSum", f.releasedSum());
        v.put("suppressedMembers", f.suppressed());
        v.put("partial", f.partial());
        v.put("members", members);
        return v;
    }

    private Result<Parts> federated() {
        return parts.<Result<Parts>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance (docs/federation.md)"));
    }
}
