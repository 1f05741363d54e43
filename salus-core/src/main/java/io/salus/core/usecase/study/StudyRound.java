package io.salus.core.usecase.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.port.SecureAggregator;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.recovery.ShamirShare;
import io.salus.core.study.LocalUpdate;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyTerms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One round as the coordinator runs it, every phase asking all members at once with a deadline: begin (each member
 * re-checks consent, computes its noisy update, publishes its keys; those that answer are the roster), share (each
 * seals shares of its mask key to the others; those that answer are masked against), mask (each answers its masked
 * update; the membership is closed here), and, for members that dropped after sharing, unmask (the survivors hand in
 * their shares of the dropped members' keys). The aggregator then learns only the sum. Fewer than two members at any
 * phase, or a dropped member without a threshold of shares, fail the round.
 */
public final class StudyRound {
    private final RoundMembers members;
    private final SecureAggregator aggregator;
    private final Executor executor;
    private final Duration timeout;

    /** The members of the alliance for a round, by id (1..n), and how to call each one. */
    public interface RoundMembers {
        Map<Integer, Member> byId();

        Result<Published> begin(Member m, RoundCalls.Begin call);

        Result<Map<Integer, byte[]>> share(Member m, RoundCalls.Share call);

        Result<RoundCalls.Masked> mask(Member m, RoundCalls.Mask call);

        Result<RoundCalls.Shares> unmask(Member m, RoundCalls.Unmask call);

        /** After the last round: a member's payees for its payout part (members without it cannot be paid). */
        default Result<RoundCalls.PayeeList> payees(Member m, RoundCalls.Payees call) {
            return Result.fail(ErrorCode.STUDY_PAYEES_MISSING, m.organisation() + " reports no payees here");
        }
    }

    public StudyRound(RoundMembers members, SecureAggregator aggregator, Executor executor, Duration timeout) {
        this.members = members;
        this.aggregator = aggregator;
        this.executor = executor;
        this.timeout = timeout;
    }

    public RoundMembers members() {
        return members;
    }

    /**
     * What a round produced: the new model, who was summed, who dropped, each survivor's patients on the last, and the
     * training loss at the round's starting model (from the summed noisy loss), and the summed noisy patient count.
     */
    public record Outcome(LogisticModel model, List<EvmAddress> participants, List<EvmAddress> dropped,
            Map<EvmAddress, Integer> patients, List<String> refusals, double loss, double noisyCount) {
    }

    public Result<Outcome> run(StudyTerms t, int round, LogisticModel model, boolean last) {
        Map<Integer, Member> all = members.byId();
        List<String> refusals = new ArrayList<>();
        Map<Integer, Published> roster = phase(all, refusals, (id, m) -> members.begin(m, new RoundCalls.Begin(
                m.node(), t, round, id, model.parameters())));
        if (roster.size() < 2) {
            return tooFew("began", roster.size(), refusals);
        }
        // a majority of the roster rebuilds a dropped member's key; in a round of two nobody can drop (one survivor
        // is too few) and the one peer's share is the whole key, which only opens the pair mask it computes anyway
        int threshold = roster.size() == 2 ? 1 : roster.size() / 2 + 1;
        Map<Integer, Member> rostered = only(all, roster.keySet());
        Map<Integer, Map<Integer, byte[]>> sealed = phase(rostered, refusals, (id, m) -> members.share(m,
                new RoundCalls.Share(m.node(), t.study(), round, roster, threshold)));
        if (sealed.size() < 2) {
            return tooFew("shared", sealed.size(), refusals);
        }
        List<Integer> maskWith = List.copyOf(sealed.keySet());
        Map<Integer, RoundCalls.Masked> masked = phase(only(all, sealed.keySet()), refusals, (id, m) -> {
            Map<Integer, byte[]> toMe = new HashMap<>();
            sealed.forEach((from, shares) -> {
                if (from != id.intValue() && shares.containsKey(id)) {
                    toMe.put(from, shares.get(id));
                }
            });
            return members.mask(m, new RoundCalls.Mask(m.node(), t.study(), round, maskWith, toMe, last));
        });
        if (masked.size() < 2) {
            return tooFew("masked", masked.size(), refusals);
        }
        List<Integer> dropped = maskWith.stream().filter(id -> !masked.containsKey(id)).toList();
        Map<Integer, List<ShamirShare>> recovered = new HashMap<>();
        if (!dropped.isEmpty()) {
            phase(only(all, masked.keySet()), refusals, (id, m) -> members.unmask(m, new RoundCalls.Unmask(m.node(),
                    t.study(), round, dropped))).values().forEach(s -> s.shares().forEach((d, share) -> recovered
                            .computeIfAbsent(d, k -> new ArrayList<>()).add(share)));
        }
        Map<Integer, byte[]> maskRoster = new TreeMap<>();
        maskWith.forEach(id -> maskRoster.put(id, roster.get(id).maskPublic()));
        Map<Integer, long[]> vectors = new TreeMap<>();
        masked.forEach((id, m) -> vectors.put(id, m.masked()));
        return aggregator.sum(t.roundId(round), maskRoster, vectors, recovered, threshold).map(sum -> {
            Map<EvmAddress, Integer> patients = new HashMap<>();
            masked.forEach((id, m) -> m.patients().ifPresent(n -> patients.put(all.get(id).node(), n)));
            return new Outcome(LocalUpdate.step(model, sum, t.spec().learningRate()),
                    masked.keySet().stream().sorted().map(id -> all.get(id).node()).toList(),
                    dropped.stream().map(id -> all.get(id).node()).toList(), patients, refusals,
                    LocalUpdate.loss(sum, model.parameters().length), sum[model.parameters().length]);
        });
    }

    private static Map<Integer, Member> only(Map<Integer, Member> all, Set<Integer> ids) {
        Map<Integer, Member> out = new TreeMap<>();
        ids.forEach(id -> out.put(id, all.get(id)));
        return out;
    }

    private static <T> Result<T> tooFew(String phase, int n, List<String> refusals) {
        return Result.fail(ErrorCode.STUDY_TOO_FEW_MEMBERS, n + " member(s) " + phase + " the round, at least 2 are "
                + "needed" + (refusals.isEmpty() ? "" : "; " + String.join("; ", refusals)));
    }

    /** Calls every member at once; the answers of those that answered in time, by id. */
    private <T> Map<Integer, T> phase(Map<Integer, Member> who, List<String> refusals,
            BiFunction<Integer, Member, Result<T>> call) {
        Map<Integer, CompletableFuture<Optional<Result<T>>>> asked = new TreeMap<>();
        who.forEach((id, m) -> asked.put(id, CompletableFuture.supplyAsync(() -> Optional.of(call.apply(id, m)),
                executor).completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)));
        Map<Integer, T> out = new TreeMap<>();
        asked.forEach((id, f) -> {
            Optional<Result<T>> r = f.join();
            if (r.isPresent() && r.get().isOk()) {
                out.put(id, r.get().orElseThrow());
            } else {
                synchronized (refusals) {
                    refusals.add(who.get(id).organisation() + ": " + r.map(x -> x.failure().code().code() + " "
                            + x.failure().detail()).orElse("no answer within " + timeout.toMillis() + " ms"));
                }
            }
        });
        return out;
    }
}
