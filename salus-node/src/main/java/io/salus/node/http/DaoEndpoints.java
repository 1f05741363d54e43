package io.salus.node.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoGovernance;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.PolicyChanges;
import io.salus.core.dao.Support;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.privacy.Epsilon;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.dao.DaoService.DaoView;
import io.salus.core.usecase.dao.DaoService.ProposalView;
import io.salus.core.usecase.deal.DealEvents;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.PublicSignals;
import io.salus.zk.ZkFiles;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Patient data DAOs: founding (the operator), the list and one DAO's terms, members and treasury (anyone signed in:
 * consumers read the terms their deals must meet), joining (a patient by its verified account, or anyone relaying a
 * patient's zero-knowledge proof), proposals and quadratic votes (members), queueing and executing (anyone).
 */
public final class DaoEndpoints implements ApiEndpoints {
    private final DaoService daos;
    private final DealEvents events;
    private final Auth auth;

    public DaoEndpoints(DaoService daos, DealEvents events, Auth auth) {
        this.daos = daos;
        this.events = events;
        this.auth = auth;
    }

    @Override
    public void routes(Router r) {
        r.add(HandlerType.POST, "/daos", this::found);
        r.add(HandlerType.GET, "/daos", this::list);
        r.add(HandlerType.GET, "/daos/{daoId}", this::get);
        r.add(HandlerType.POST, "/daos/{daoId}/members", this::join);
        r.add(HandlerType.POST, "/daos/{daoId}/members/proof", this::joinByProof);
        r.add(HandlerType.GET, "/daos/{daoId}/proposals", this::proposals);
        r.add(HandlerType.POST, "/daos/{daoId}/proposals", this::propose);
        r.add(HandlerType.POST, "/daos/{daoId}/proposals/{proposalId}/votes", this::vote);
        r.add(HandlerType.POST, "/daos/{daoId}/proposals/{proposalId}/queue", ctx -> step(ctx, daos::queue));
        r.add(HandlerType.POST, "/daos/{daoId}/proposals/{proposalId}/execute", ctx -> step(ctx, daos::execute));
    }

    record TermsBody(Long floorPrice, List<String> consumerTypes, List<String> purposes, String maxEpsilon,
            Integer shareBps) {
    }

    record GovernanceBody(Long votingDelaySeconds, Long votingPeriodSeconds, Long quorumVotes,
            Long creditsPerPeriod, Long creditPeriodSeconds, Long timelockDelaySeconds) {
    }

    record FoundBody(String name, String scope, TermsBody terms, GovernanceBody governance) {
    }

    record ProofBody(List<String> proof, List<String> signals) {
    }

    record ProposeBody(List<String> changes, String description) {
    }

    record VoteBody(String support, Long votes) {
    }

    Result<Reply> found(Context ctx) {
        return auth.caller(ctx).flatMap(actor -> Requests.json(ctx, FoundBody.class).flatMap(DaoEndpoints::charter)
                .flatMap(c -> daos.found(actor, c))).flatMap(d -> daos.find(d.id()))
                .map(v -> Reply.json(201, view(v)));
    }

    Result<Reply> list(Context ctx) {
        return auth.caller(ctx).map(a -> Reply.ok(Map.of("daos", daos.all().stream().map(DaoEndpoints::view)
                .toList())));
    }

    Result<Reply> get(Context ctx) {
        return auth.caller(ctx).flatMap(a -> daoId(ctx)).flatMap(daos::find).map(v -> Reply.ok(withHistory(v)));
    }

    Result<Reply> join(Context ctx) {
        return auth.caller(ctx).flatMap(patient -> daoId(ctx).flatMap(id -> daos.joinByCredential(patient, id)))
                .map(tx -> Reply.json(201, Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    Result<Reply> joinByProof(Context ctx) {
        return auth.caller(ctx).flatMap(relayer -> daoId(ctx).flatMap(id -> Requests.json(ctx, ProofBody.class)
                .flatMap(DaoEndpoints::proof).flatMap(p -> daos.joinByProof(id, p))))
                .map(tx -> Reply.json(201, Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    Result<Reply> proposals(Context ctx) {
        return auth.caller(ctx).flatMap(a -> daoId(ctx)).flatMap(daos::proposals)
                .map(ps -> Reply.ok(Map.of("proposals", ps.stream().map(DaoEndpoints::proposal).toList())));
    }

    Result<Reply> propose(Context ctx) {
        return auth.caller(ctx).flatMap(member -> daoId(ctx).flatMap(id -> Requests.json(ctx, ProposeBody.class)
                .flatMap(b -> PolicyChanges.parseAll(b.changes()).flatMap(cs -> daos.propose(member, id, cs,
                        b.description() == null ? "" : b.description())))))
                .map(p -> Reply.json(201, Map.of("proposalId", p.id().toString(), "changes",
                        p.changes().stream().map(PolicyChanges::format).toList())));
    }

    Result<Reply> vote(Context ctx) {
        return auth.caller(ctx).flatMap(member -> daoId(ctx).flatMap(id -> proposalId(ctx).flatMap(p -> Requests
                .json(ctx, VoteBody.class).flatMap(b -> {
                    Optional<Support> s = Support.parse(b.support());
                    if (s.isEmpty() || b.votes() == null) {
                        return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "support (FOR, AGAINST, ABSTAIN) "
                                + "and votes are required; v votes cost v² credits", "support"));
                    }
                    return daos.vote(member, id, p, s.get(), b.votes());
                })))).map(tx -> Reply.json(201, Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    private Result<Reply> step(Context ctx, StepFn fn) {
        return auth.caller(ctx).flatMap(a -> daoId(ctx).flatMap(id -> proposalId(ctx).flatMap(p -> fn.apply(id, p))))
                .map(tx -> Reply.ok(Map.of("txHash", tx.txHash(), "block", tx.blockNumber())));
    }

    @FunctionalInterface
    private interface StepFn {
        Result<TxRef> apply(UUID dao, BigInteger proposal);
    }

    static Result<DaoCharter> charter(FoundBody b) {
        if (b.name() == null || b.terms() == null || b.governance() == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "name, terms and governance are required",
                    "name"));
        }
        TermsBody t = b.terms();
        GovernanceBody g = b.governance();
        if (t.floorPrice() == null || t.shareBps() == null || t.maxEpsilon() == null || g.votingPeriodSeconds() == null
                || g.quorumVotes() == null || g.creditsPerPeriod() == null || g.creditPeriodSeconds() == null) {
            return Result.fail(Failure.of(ErrorCode.DAO_INVALID_TERMS, "terms need floorPrice, shareBps and "
                    + "maxEpsilon; governance needs votingPeriodSeconds, quorumVotes, creditsPerPeriod and "
                    + "creditPeriodSeconds", "terms"));
        }
        Result<Integer> types = PolicyChanges.mask(Optional.ofNullable(t.consumerTypes()).orElse(List.of()),
                AttestationType::parse, AttestationType::mask);
        Result<Integer> purposes = PolicyChanges.mask(Optional.ofNullable(t.purposes()).orElse(List.of()),
                Purpose::parse, Purpose::mask);
        Result<Epsilon> eps = Epsilon.parse(t.maxEpsilon());
        if (!types.isOk() || !purposes.isOk() || !eps.isOk()) {
            return Result.fail(!types.isOk()
                    ? types.failure()
                    : !purposes.isOk()
                            ? purposes.failure()
                            : eps.failure());
        }
        Optional<BigInteger> scope;
        try {
            scope = Optional.ofNullable(b.scope()).map(BigInteger::new);
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "scope: a decimal number", "scope"));
        }
        DaoTerms terms = new DaoTerms(t.floorPrice(), types.orElseThrow(), purposes.orElseThrow(),
                DaoTerms.milli(eps.orElseThrow()), t.shareBps());
        DaoGovernance gov = new DaoGovernance(seconds(g.votingDelaySeconds()), seconds(g.votingPeriodSeconds()),
                g.quorumVotes(), g.creditsPerPeriod(), seconds(g.creditPeriodSeconds()),
                seconds(g.timelockDelaySeconds()));
        return terms.validate().flatMap(x -> gov.validate()).map(x -> new DaoCharter(b.name(), scope, terms, gov));
    }

    private static Duration seconds(Long s) {
        return Duration.ofSeconds(s == null ? 0 : s);
    }

    static Result<AttributeProof> proof(ProofBody b) {
        if (b.proof() == null || b.proof().size() != 8 || b.signals() == null
                || b.signals().size() != PublicSignals.COUNT) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "proof: 8 numbers (a, b, c flattened in the "
                    + "verifier's order); signals: the 9 public signals", "proof"));
        }
        try {
            return Result.ok(ZkFiles.proof(b.proof().stream().map(BigInteger::new).toList(), b.signals().stream()
                    .map(BigInteger::new).toList()));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "proof and signals: decimal numbers", "proof"));
        }
    }

    private static Result<UUID> daoId(Context ctx) {
        try {
            return Result.ok(UUID.fromString(ctx.pathParam("daoId")));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "daoId must be a UUID", "daoId"));
        }
    }

    private static Result<BigInteger> proposalId(Context ctx) {
        try {
            return Result.ok(new BigInteger(ctx.pathParam("proposalId")));
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "proposalId: a decimal number", "proposalId"));
        }
    }

    /** The DAO with its treasury's history: every deal payment to its timelock, read from the deal projection. */
    private Map<String, Object> withHistory(DaoView v) {
        Map<String, Object> m = view(v);
        Map<String, Object> treasury = new LinkedHashMap<>(treasury(v));
        treasury.put("history", events.paymentsTo(Set.of(v.dao().contracts().treasury())).stream()
                .map(p -> Map.of("dealId", p.dealId().hex(), "amount", p.amount(), "tx", p.txHash(), "block",
                        p.block()))
                .toList());
        m.put("treasury", treasury);
        return m;
    }

    private static Map<String, Object> treasury(DaoView v) {
        return Map.of("address", v.dao().contracts().treasury().hex(), "balance", v.treasury());
    }

    static Map<String, Object> view(DaoView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("daoId", v.dao().id().toString());
        m.put("name", v.dao().name());
        m.put("admission", v.dao().scope().isPresent() ? "proof" : "credential");
        v.dao().scope().ifPresent(s -> m.put("scope", s.toString()));
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("floorPrice", v.terms().floorPrice());
        terms.put("consumerTypes", v.terms().consumerTypeSet().stream().map(Enum::name).toList());
        terms.put("purposes", v.terms().purposeSet().stream().map(Enum::name).toList());
        terms.put("maxEpsilon", v.terms().maxEpsilon());
        terms.put("shareBps", v.terms().shareBps());
        m.put("terms", terms);
        m.put("members", v.members());
        m.put("treasury", treasury(v));
        m.put("contracts", Map.of("membership", v.dao().contracts().membership().hex(), "policy",
                v.dao().contracts().policy().hex(), "governor", v.dao().contracts().governor().hex(), "timelock",
                v.dao().contracts().timelock().hex()));
        return m;
    }

    static Map<String, Object> proposal(ProposalView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposalId", p.proposal().id().toString());
        m.put("description", p.proposal().description());
        m.put("changes", p.proposal().changes().stream().map(PolicyChanges::format).toList());
        m.put("state", p.state().name());
        m.put("votes", Map.of("for", p.tally().forVotes(), "against", p.tally().against(), "abstain",
                p.tally().abstain()));
        return m;
    }
}
