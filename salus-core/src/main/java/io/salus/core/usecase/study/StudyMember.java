package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.port.SecureAggregator;
import io.salus.core.port.SecureAggregator.MemberKeys;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.recovery.ShamirShare;
import io.salus.core.study.LocalUpdate;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyTerms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * A member's side of a study round, at every node including the coordinating one. {@link #begin}: the request must be
 * addressed to this node and come from the consumer's home node; the member's patients are found again now (consent
 * re-checked every round: a patient who revoked is not in this or any later round), their granted columns read, and
 * the noisy update ({@link LocalUpdate}) computed at the round's model; the study's ε is charged to the organisation's
 * budget here at its first round. Then {@link #share}, {@link #mask} and, for members that dropped,
 * {@link #unmask}. Round state (keys, update, shares held) lives in memory until the round's deadline: a member
 * restarted mid-round has dropped out of it. Thread-safe.
 */
public final class StudyMember {
    private final RowSource rows;
    private final SecureAggregator aggregator;
    private final MemberDirectory directory;
    private final EvmAddress self;
    private final RandomGenerator random;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, State> rounds = new ConcurrentHashMap<>();

    /** Where a member's rows come from, found again every round ({@link StudyPatients} on a node). */
    public interface RowSource {
        /** The member's rows now; on round 0 it also charges the study's ε. */
        Result<List<LogisticModel.Row>> rows(Member from, StudyTerms terms, int round);

        /** The rows with the patients they are of, in the same order (a source that knows no patients: none). */
        default Result<Local> local(Member from, StudyTerms terms, int round) {
            return rows(from, terms, round).map(r -> new Local(r, List.of()));
        }

        /** The payouts of the patients who contributed, built under the member's part key of the study. */
        default Result<List<Payout>> payees(StudyTerms terms, List<Account> contributors) {
            return Result.fail(ErrorCode.STUDY_PAYEES_MISSING, "this member's row source knows no payees");
        }
    }

    /** A member's rows in a round and, when known, the patients they are of (one per row, in order). */
    public record Local(List<LogisticModel.Row> rows, List<Account> patients) {
        public Local {
            rows = List.copyOf(rows);
            patients = List.copyOf(patients);
        }
    }

    public StudyMember(RowSource rows, SecureAggregator aggregator,
            MemberDirectory directory, EvmAddress self, RandomGenerator random, Clock clock, Duration keep) {
        this.rows = rows;
        this.aggregator = aggregator;
        this.directory = directory;
        this.self = self;
        this.random = random;
        this.clock = clock;
        this.keep = keep;
    }

    private static final class State {
        final MemberKeys keys;
        final StudyTerms terms;
        final double[] update;
        final int patients;
        final List<Account> contributors;
        final Instant expires;
        Map<Integer, Published> roster = Map.of();
        final Map<Integer, ShamirShare> held = new HashMap<>();
        boolean maskedSent;
        boolean lastSent;

        State(MemberKeys keys, StudyTerms terms, double[] update, int patients, List<Account> contributors,
                Instant expires) {
            this.keys = keys;
            this.terms = terms;
            this.update = update;
            this.patients = patients;
            this.contributors = contributors;
            this.expires = expires;
        }
    }

    public Result<Published> begin(Member from, RoundCalls.Begin call) {
        rounds.values().removeIf(s -> s.expires.isBefore(clock.instant()));
        StudyTerms t = call.terms();
        if (!call.audience().equals(self)) {
            return Result.fail(ErrorCode.NODE_WRONG_AUDIENCE, "the call is addressed to " + call.audience());
        }
        Optional<EvmAddress> home = directory.homeOf(t.consumer());
        if (home.isEmpty() || !home.get().equals(from.node())) {
            return Result.fail(ErrorCode.FORBIDDEN, "consumer " + t.consumer() + " is not an account of node "
                    + from.node());
        }
        if (call.model().length != t.spec().features().size() + 1) {
            return Result.fail(ErrorCode.STUDY_INVALID_SPEC, "the model has the wrong number of parameters");
        }
        return rows.local(from, t, call.round()).map(local -> {
            List<LogisticModel.Row> own = local.rows();
            double[] update = LocalUpdate.release(LogisticModel.of(call.model()), own, t.spec().sigma(), random);
            MemberKeys keys = aggregator.newKeys(call.memberId());
            rounds.put(key(t.study(), call.round()), new State(keys, t, update, own.size(), local.patients(),
                    clock.instant().plus(keep)));
            return keys.published();
        });
    }

    public Result<Map<Integer, byte[]>> share(Member from, RoundCalls.Share call) {
        return state(from, call.audience(), call.study(), call.round()).flatMap(s -> {
            synchronized (s) {
                if (!s.roster.isEmpty()) {
                    return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "the roster was fixed already");
                }
                if (!call.roster().containsKey(s.keys.id())) {
                    return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "this member is not on the roster");
                }
                s.roster = call.roster();
                return aggregator.sealShares(s.terms.roundId(call.round()), s.keys, call.roster(), call.threshold());
            }
        });
    }

    public Result<RoundCalls.Masked> mask(Member from, RoundCalls.Mask call) {
        return state(from, call.audience(), call.study(), call.round()).flatMap(s -> {
            synchronized (s) {
                if (s.roster.isEmpty()) {
                    return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "no roster yet");
                }
                byte[] round = s.terms.roundId(call.round());
                for (Map.Entry<Integer, byte[]> e : call.sealedToMe().entrySet()) {
                    Published sender = s.roster.get(e.getKey());
                    if (sender == null) {
                        return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "a share from outside the roster");
                    }
                    Result<ShamirShare> share = aggregator.openShare(round, s.keys, e.getKey(), sender.sealPublic(),
                            e.getValue());
                    if (!share.isOk()) {
                        return share.propagate();
                    }
                    s.held.put(e.getKey(), share.orElseThrow());
                }
                Map<Integer, byte[]> maskRoster = new HashMap<>();
                for (int id : call.maskWith()) {
                    if (!s.roster.containsKey(id)) {
                        return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND,
                                "member " + id + " is not on the roster");
                    }
                    maskRoster.put(id, s.roster.get(id).maskPublic());
                }
                if (!maskRoster.containsKey(s.keys.id()) || maskRoster.size() < 2) {
                    return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "a masked round needs this member and "
                            + "another");
                }
                s.maskedSent = true;
                s.lastSent = call.last();
                return aggregator.mask(round, s.keys, maskRoster, s.update).map(m -> new RoundCalls.Masked(m,
                        call.last() ? Optional.of(s.patients) : Optional.empty()));
            }
        });
    }

    /**
     * This member's shares of the dropped members' mask keys. Refused for itself, for a member it holds no share of,
     * and before it sent its own masked update (the aggregator closes the membership first).
     */
    public Result<RoundCalls.Shares> unmask(Member from, RoundCalls.Unmask call) {
        return state(from, call.audience(), call.study(), call.round()).flatMap(s -> {
            synchronized (s) {
                Map<Integer, ShamirShare> out = new HashMap<>();
                for (int d : call.dropped()) {
                    if (d == s.keys.id() || !s.maskedSent || !s.held.containsKey(d)) {
                        return Result.fail(ErrorCode.AGGREGATION_INVALID_ROUND, "no share of member " + d
                                + " is handed out by member " + s.keys.id() + " now");
                    }
                    out.put(d, s.held.get(d));
                }
                return Result.ok(new RoundCalls.Shares(out));
            }
        });
    }

    /**
     * The payouts of the patients this member trained the study's last round on, built under its part key: only after
     * it sent that round's masked update (with its count), never more payees than that count (a source without its
     * patients has none to report).
     */
    public Result<RoundCalls.PayeeList> payees(Member from, RoundCalls.Payees call) {
        return state(from, call.audience(), call.study(), call.round()).flatMap(s -> {
            synchronized (s) {
                if (!s.lastSent) {
                    return Result.fail(ErrorCode.STUDY_ROUND_UNKNOWN, "round " + call.round() + " is not a last round "
                            + "this member masked");
                }
                if (s.contributors.size() != s.patients) {
                    return Result.fail(ErrorCode.STUDY_PAYEES_MISSING, "this member does not know the patients of "
                            + "its " + s.patients + " rows");
                }
                return rows.payees(s.terms, s.contributors).map(RoundCalls.PayeeList::new);
            }
        });
    }

    private Result<State> state(Member from, EvmAddress audience, UUID study, int round) {
        if (!audience.equals(self)) {
            return Result.fail(ErrorCode.NODE_WRONG_AUDIENCE, "the call is addressed to " + audience);
        }
        State s = rounds.get(key(study, round));
        if (s == null || s.expires.isBefore(clock.instant())) {
            return Result.fail(ErrorCode.STUDY_ROUND_UNKNOWN, "no state for round " + round + " of study " + study);
        }
        Optional<EvmAddress> home = directory.homeOf(s.terms.consumer());
        if (home.isEmpty() || !home.get().equals(from.node())) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the study's coordinating node calls its rounds");
        }
        return Result.ok(s);
    }

    private static String key(UUID study, int round) {
        return study + "/" + round;
    }
}
