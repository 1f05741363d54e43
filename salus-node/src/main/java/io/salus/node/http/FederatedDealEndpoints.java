package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.FederatedPart;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.fdeal.FederatedDeals;
import io.salus.core.usecase.fdeal.FederatedManifest;
import io.salus.core.usecase.fdeal.FederatedPartDelivery;
import io.salus.node.federation.HttpPartClient;
import io.salus.node.federation.PartJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Federated deals (decision 0035). At the consumer's home node: {@code POST /deals/federated} opens one (the body of
 * {@code POST /deals} plus an optional {@code epsilon} each member charges), {@code GET /deals/federated/{dealId}} is
 * its manifest read from the chain, {@code GET /deals/federated/{dealId}/parts/{node}} a settled part's package. The
 * member side, {@value HttpPartClient#PARTS} and {@value HttpPartClient#PACKAGES}, is accepted only as a request signed
 * by an active member (RFC 9421). On a node outside an alliance each answers {@code NOT_FEDERATED}.
 */
public final class FederatedDealEndpoints implements ApiEndpoints {
    private final Optional<Parts> parts;
    private final Auth auth;

    /** What a federated node serves. */
    public record Parts(FederatedDeals deals, FederatedManifest manifest, FederatedPartDelivery member,
            NodeRequests requests) {
    }

    public FederatedDealEndpoints(Optional<Parts> parts, Auth auth) {
        this.parts = parts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/deals/federated", this::open);
        r.add(HandlerType.GET, "/deals/federated/{dealId}", this::manifest);
        r.add(HandlerType.GET, "/deals/federated/{dealId}/parts/{node}", this::download);
        r.add(HandlerType.POST, HttpPartClient.PARTS, this::part);
        r.add(HandlerType.POST, HttpPartClient.PACKAGES, this::partPackage);
    }

    record OpenBody(JsonNode criteria, List<String> categories, String purpose, Long pricePerPatient,
            Integer maxPatients, String deadline, DealEndpoints.SplitBody split, String epsilon) {
    }

    Result<Reply> open(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> Requests.json(ctx, OpenBody.class)
                .flatMap(b -> DealEndpoints.offer(new DealEndpoints.DealBody(b.criteria(), b.categories(),
                        b.purpose(), b.pricePerPatient(), b.maxPatients(), b.deadline(), b.split()))
                        .flatMap(o -> p.deals().open(c, o, Optional.ofNullable(b.epsilon()))))))
                .map(o -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("dealId", o.dealId().hex());
                    v.put("criteriaSalt", o.salt().hex());
                    v.put("escrow", o.contract().hex());
                    v.put("postTx", o.post().txHash());
                    List<Map<String, Object>> members = new ArrayList<>();
                    for (FederatedDeals.Outcome out : o.parts()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("node", out.member().hex());
                        m.put("organisation", out.organisation());
                        m.put("status", out.status().name());
                        out.answer().ifPresent(a -> m.putAll(answer(a)));
                        m.put("detail", out.detail());
                        members.add(m);
                    }
                    v.put("parts", members);
                    return Reply.json(201, v);
                });
    }

    private static Map<String, Object> answer(PartAnswer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("part", a.status().name());
        m.put("released", a.released());
        m.put("patients", a.patients());
        return m;
    }

    Result<Reply> manifest(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> p.manifest()
                .manifest(c, id)))).map(m -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("dealId", m.dealId().hex());
                    v.put("escrow", m.contract().hex());
                    v.put("maxPatients", m.deal().terms().maxPatients());
                    v.put("paidPatients", m.deal().paidPatients());
                    v.put("escrowLeft", m.deal().escrow());
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (FederatedManifest.Entry e : m.parts()) {
                        FederatedPart part = e.part();
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("node", e.member().hex());
                        x.put("organisation", e.organisation());
                        x.put("status", part.status().name());
                        x.put("root", part.root().hex());
                        x.put("allotment", part.cap());
                        x.put("patients", part.paid());
                        x.put("paid", e.paid());
                        x.put("packageHash", part.packageHash().hex());
                        x.put("ciphertextHash", part.ciphertextHash().hex());
                        x.put("keyReleased", e.keyReleased());
                        list.add(x);
                    }
                    v.put("parts", list);
                    return Reply.ok(v);
                });
    }

    Result<Reply> download(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> node(ctx)
                .flatMap(n -> p.manifest().partPackage(c, id, n)))))
                .map(bytes -> Reply.raw(200, "application/octet-stream", bytes));
    }

    Result<Reply> part(Context ctx) {
        return federated().flatMap(p -> verified(ctx, p).flatMap(from -> PartJson.request(ctx.bodyAsBytes())
                .flatMap(r -> p.member().deliver(from, r)))).map(a -> Reply.ok(PartJson.answer(a)));
    }

    record PackageBody(String audience, String dealId) {
    }

    Result<Reply> partPackage(Context ctx) {
        return federated().flatMap(p -> verified(ctx, p).flatMap(from -> Requests.json(ctx, PackageBody.class)
                .flatMap(b -> {
                    try {
                        return p.member().partPackage(from, new EvmAddress(b.audience()), Hash32.fromHex(b
                                .dealId()));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        return Result.fail(ErrorCode.INVALID_REQUEST, "audience and dealId are required");
                    }
                }))).map(bytes -> Reply.ok(Map.of("package", Base64.getEncoder().encodeToString(bytes))));
    }

    private static Result<Member> verified(Context ctx, Parts p) {
        SignedHeaders h = new SignedHeaders(ctx.header(SignedHeaders.CONTENT_DIGEST),
                ctx.header(SignedHeaders.SIGNATURE_INPUT), ctx.header(SignedHeaders.SIGNATURE));
        return p.requests().verify("POST", ctx.path(), h, ctx.bodyAsBytes());
    }

    private static Result<Hash32> dealId(Context ctx) {
        return DealEndpoints.dealId(ctx);
    }

    private static Result<EvmAddress> node(Context ctx) {
        try {
            return Result.ok(new EvmAddress(ctx.pathParam("node")));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.NOT_FOUND, "no member " + ctx.pathParam("node"));
        }
    }

    private Result<Parts> federated() {
        return parts.<Result<Parts>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance (docs/federation.md)"));
    }
}
