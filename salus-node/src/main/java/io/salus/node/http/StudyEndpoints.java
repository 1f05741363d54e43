package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.merkle.Hash32;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.usecase.study.StudyCoordinator;
import io.salus.core.usecase.study.StudyMember;
import io.salus.core.usecase.study.StudyQueries;
import io.salus.core.usecase.study.StudyRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /studies}: a consumer starts a federated study against its matched deal at its home node (which coordinates
 * the rounds), reads it with each round's record, settles its deal (pays the home node's patients used, releases the
 * model's key) and downloads the model (encrypted to it, only once settled). And the member side of a round,
 * {@code /federation/studies/...}, accepted only as a request signed by an active member (RFC 9421). On a node outside
 * an alliance each answers {@code NOT_FEDERATED}.
 */
public final class StudyEndpoints implements ApiEndpoints {
    public static final String BEGIN = "/federation/studies/begin";
    public static final String SHARE = "/federation/studies/share";
    public static final String MASK = "/federation/studies/mask";
    public static final String UNMASK = "/federation/studies/unmask";
    public static final String PAYEES = "/federation/studies/payees";
    private final Optional<Parts> parts;
    private final Auth auth;

    /** What a federated node serves. */
    public record Parts(StudyCoordinator coordinator, StudyQueries queries, StudyMember member,
            StudyRecords records, NodeRequests requests) {
    }

    public StudyEndpoints(Optional<Parts> parts, Auth auth) {
        this.parts = parts;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/studies", this::start);
        r.add(HandlerType.GET, "/studies", this::list);
        r.add(HandlerType.GET, "/studies/{studyId}", this::get);
        r.add(HandlerType.POST, "/studies/{studyId}/settle", this::settle);
        r.add(HandlerType.GET, "/studies/{studyId}/result", this::result);
        r.add(HandlerType.POST, BEGIN, ctx -> member(ctx, StudyJson::begin, StudyMember::begin,
                StudyJson::published));
        r.add(HandlerType.POST, SHARE, ctx -> member(ctx, StudyJson::share, StudyMember::share, StudyJson::sealed));
        r.add(HandlerType.POST, MASK, ctx -> member(ctx, StudyJson::mask, StudyMember::mask, StudyJson::masked));
        r.add(HandlerType.POST, UNMASK, ctx -> member(ctx, StudyJson::unmask, StudyMember::unmask,
                StudyJson::shares));
        r.add(HandlerType.POST, PAYEES, ctx -> member(ctx, StudyJson::payees, StudyMember::payees,
                StudyJson::payeeList));
    }

    record StudyBody(String deal, List<String> features, String outcome, List<Double> lows, List<Double> highs,
            Double outcomeAtLeast, Integer rounds, String epsilon, Double delta, Double learningRate) {
    }

    Result<Reply> start(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> Requests.json(ctx, StudyBody.class)
                .flatMap(b -> request(b).flatMap(r -> deal(b.deal()).flatMap(d -> p.coordinator().start(c, d, r))))
                .map(s -> Reply.json(201, view(s, List.of(), p)))));
    }

    Result<Reply> list(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).map(c -> Reply.ok(Map.of("studies", p.queries().mine(c)
                .stream().map(s -> view(s, List.of(), p)).toList()))));
    }

    Result<Reply> get(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> studyId(ctx).flatMap(id -> p.queries()
                .find(c, id))).map(v -> Reply.ok(view(v, p))));
    }

    Result<Reply> settle(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> studyId(ctx).flatMap(id -> p.queries()
                .settle(c, id).flatMap(d -> p.queries().find(c, id)))).map(v -> Reply.ok(view(v, p))));
    }

    Result<Reply> result(Context ctx) {
        return federated().flatMap(p -> auth.caller(ctx).flatMap(c -> studyId(ctx).flatMap(id -> p.queries()
                .result(c, id)))).map(bytes -> Reply.raw(200, "application/octet-stream", bytes));
    }

    /** A round call from the coordinating node: verified, parsed, answered by this node's member side. */
    private <C, A> Result<Reply> member(Context ctx, Function<JsonNode, Result<C>> parse,
            TriFunction<StudyMember, Member, C, Result<A>> answer, Function<A, JsonNode> write) {
        return federated().flatMap(p -> {
            byte[] body = ctx.bodyAsBytes();
            SignedHeaders h = new SignedHeaders(ctx.header(SignedHeaders.CONTENT_DIGEST),
                    ctx.header(SignedHeaders.SIGNATURE_INPUT), ctx.header(SignedHeaders.SIGNATURE));
            return p.requests().verify("POST", ctx.path(), h, body).flatMap(from -> StudyJson.parse(body)
                    .flatMap(parse).flatMap(call -> answer.apply(p.member(), from, call)));
        }).map(a -> Reply.ok(write.apply(a)));
    }

    /** A function of three arguments (the member's side, the calling node, the call). */
    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    private static Result<StudyCoordinator.Request> request(StudyBody b) {
        if (b.deal() == null || b.outcome() == null || b.epsilon() == null || b.rounds() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "deal, outcome, rounds and epsilon are required",
                    b.deal() == null
                            ? "deal"
                            : b.outcome() == null
                                    ? "outcome"
                                    : b.rounds() == null
                                            ? "rounds"
                                            : "epsilon"));
        }
        List<String> features = b.features() == null ? List.of() : b.features();
        return Result.ok(new StudyCoordinator.Request(features, b.outcome(), b.lows() == null ? List.of() : b.lows(),
                b.highs() == null ? List.of() : b.highs(), b.outcomeAtLeast() == null ? 1 : b.outcomeAtLeast(),
                b.rounds(), b.epsilon(), b.delta() == null ? 1e-6 : b.delta(),
                b.learningRate() == null ? 1 : b.learningRate()));
    }

    private static Map<String, Object> view(StudyQueries.View v, Parts p) {
        Map<String, Object> out = view(v.study(), v.rounds(), p);
        out.put("payoutParts", v.parts().stream().map(part -> Map.of("member", part.member().hex(), "trained",
                part.trained(), "payees", part.payouts().size(), "root", part.root(v.study().id()).hex())).toList());
        out.put("partsPaid", v.partsPaid());
        return out;
    }

    private static Map<String, Object> view(Study s, List<RoundRecord> rounds, Parts p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("studyId", s.id().toString());
        v.put("deal", s.deal().hex());
        v.put("state", s.state().name());
        s.reasonCode().ifPresent(c -> v.put("reasonCode", c));
        s.reason().ifPresent(r -> v.put("reason", r));
        v.put("model", "logistic");
        v.put("features", s.spec().features());
        v.put("outcome", s.spec().outcome());
        v.put("rounds", s.spec().rounds());
        v.put("epsilonPerMember", s.spec().epsilon().value().toPlainString());
        v.put("delta", s.spec().delta());
        v.put("noiseMultiplier", s.spec().sigma());
        s.outputHash().ifPresent(h -> v.put("outputHash", h.hex()));
        v.put("createdAt", s.createdAt().toString());
        if (!rounds.isEmpty()) {
            v.put("roundRecords", rounds.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("round", r.round());
                m.put("modelHash", r.modelHash().hex());
                m.put("participants", r.participants().stream().map(a -> a.hex()).toList());
                m.put("dropped", r.dropped().stream().map(a -> a.hex()).toList());
                m.put("epsilonSpent", r.epsilonText());
                if (!Double.isNaN(r.loss())) {
                    m.put("loss", r.loss());
                }
                m.put("millis", r.millis());
                m.put("digest", r.digest().hex());
                p.records().onChain(r).ifPresent(a -> m.put("record", Map.of("key", a.batchKey().hex(), "txHash",
                        a.txHash(), "block", a.blockNumber())));
                return m;
            }).toList());
        }
        return v;
    }

    private static Result<Hash32> deal(String hex) {
        try {
            return Result.ok(Hash32.fromHex(hex));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.NOT_FOUND, "no deal " + hex);
        }
    }

    private static Result<UUID> studyId(Context ctx) {
        String id = ctx.pathParam("studyId");
        try {
            return Result.ok(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.STUDY_NOT_FOUND, "no study " + id);
        }
    }

    private Result<Parts> federated() {
        return parts.<Result<Parts>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.NOT_FEDERATED,
                "this node is not a member of an alliance (docs/federation.md)"));
    }
}
