package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.deal.DealRefunds;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /deals}: post, match (a noisy cohort size, its ε charged), deliver (stage and settle), read, the package and
 * its key (only once the chain says SETTLED), refund. Each route calls one use case.
 */
public final class DealEndpoints implements ApiEndpoints {
    private final DealPosting posting;
    private final DealMatching matching;
    private final DealDelivery delivery;
    private final DealRefunds refunds;
    private final DealQueries queries;
    private final Auth auth;
    private final RateLimits limits;

    public DealEndpoints(DealPosting posting, DealMatching matching, DealDelivery delivery, DealRefunds refunds,
            DealQueries queries, Auth auth, RateLimits limits) {
        this.limits = limits;
        this.posting = posting;
        this.matching = matching;
        this.delivery = delivery;
        this.refunds = refunds;
        this.queries = queries;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/deals", this::post);
        r.add(HandlerType.GET, "/deals/{dealId}", this::get);
        r.add(HandlerType.POST, "/deals/{dealId}/match", this::match);
        r.add(HandlerType.POST, "/deals/{dealId}/deliver", this::deliver);
        r.add(HandlerType.GET, "/deals/{dealId}/package", this::download);
        r.add(HandlerType.GET, "/deals/{dealId}/key", this::key);
        r.add(HandlerType.POST, "/deals/{dealId}/refund", this::refund);
    }

    record SplitBody(int patient, int providers, int caregiver, int daoTreasury, int operator) {
    }

    record DealBody(JsonNode criteria, List<String> categories, String purpose, Long pricePerPatient,
            Integer maxPatients, String deadline, SplitBody split) {
    }

    record MatchBody(String epsilon) {
    }

    Result<Reply> post(Context ctx) {
        return auth.caller(ctx).flatMap(c -> limits.dealPosting(ctx).flatMap(ok -> Requests.json(ctx,
                DealBody.class)).flatMap(DealEndpoints::offer).flatMap(o -> posting.post(c, o)))
                .map(d -> Reply.json(201, DealViews.deal(d, Optional.empty())));
    }

    Result<Reply> match(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> matchBody(ctx).flatMap(eps -> matching
                .match(c, id, eps)))).map(m -> {
                    Map<String, Object> v = DealViews.deal(m.deal(), Optional.empty());
                    v.put("cohortSize", m.size().display());
                    v.put("epsilon", m.epsilon().value().toPlainString());
                    v.put("remainingBudget", m.remaining().remaining().toPlainString());
                    return Reply.ok(v);
                });
    }

    Result<Reply> deliver(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> delivery.deliver(c, id)
                .flatMap(d -> queries.find(c, id)))).map(v -> Reply.ok(DealViews.deal(v)));
    }

    Result<Reply> get(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> queries.find(c, id)))
                .map(v -> Reply.ok(DealViews.deal(v)));
    }

    Result<Reply> download(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> queries.packageBytes(c, id)))
                .map(bytes -> Reply.raw(200, "application/octet-stream", bytes));
    }

    Result<Reply> key(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> queries.key(c, id)))
                .map(k -> Reply.ok(DealViews.key(k)));
    }

    Result<Reply> refund(Context ctx) {
        return auth.caller(ctx).flatMap(c -> dealId(ctx).flatMap(id -> refunds.refund(c, id)))
                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash())));
    }

    static Result<Hash32> dealId(Context ctx) {
        String hex = ctx.pathParam("dealId");
        try {
            return Result.ok(Hash32.fromHex(hex));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.NOT_FOUND, "no deal " + hex);
        }
    }

    private static Result<Optional<String>> matchBody(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) {
            return Result.ok(Optional.empty());
        }
        return Requests.json(ctx, MatchBody.class).map(b -> Optional.ofNullable(b.epsilon()));
    }

    static Result<DealPosting.Offer> offer(DealBody b) {
        if (b.pricePerPatient() == null || b.maxPatients() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "pricePerPatient and maxPatients are required",
                    b.pricePerPatient() == null ? "pricePerPatient" : "maxPatients"));
        }
        Result<Optional<Split>> split = b.split() == null
                ? Result.ok(Optional.empty())
                : Split.of(b.split().patient(), b.split().providers(), b.split().caregiver(),
                        b.split().daoTreasury(), b.split().operator()).map(Optional::of);
        return split.flatMap(s -> categories(b.categories()).flatMap(cats -> purpose(b.purpose())
                .flatMap(p -> criteria(b.criteria()).flatMap(c -> ConsentRequests.instant(b.deadline(), "deadline")
                        .map(deadline -> new DealPosting.Offer(c, cats, p, b.pricePerPatient(), b.maxPatients(),
                                deadline, s))))));
    }

    static Result<List<Category>> categories(List<String> names) {
        return ConsentRequests.names(names, "categories", Category.class, Category::parse).map(List::copyOf);
    }

    static Result<Purpose> purpose(String p) {
        return Purpose.parse(p).<Result<Purpose>>map(Result::ok).orElseGet(() -> Result.fail(Failure.of(
                ErrorCode.INVALID_REQUEST, "purpose must be a PurposeOfUse code such as HRESCH", "purpose")));
    }

    static Result<byte[]> criteria(JsonNode node) {
        if (node == null || node.isNull()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "criteria is required", "criteria"));
        }
        try {
            return Result.ok(Json.mapper().writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "criteria cannot be read");
        }
    }
}
