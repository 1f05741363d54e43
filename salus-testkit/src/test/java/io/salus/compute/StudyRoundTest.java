package io.salus.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.record.Category;
import io.salus.core.study.LocalUpdate;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudySpec;
import io.salus.core.study.StudyTerms;
import io.salus.core.usecase.study.InProcessMembers;
import io.salus.core.usecase.study.StudyMember;
import io.salus.core.usecase.study.StudyRound;
import io.salus.crypto.aggregation.X25519SecureAggregator;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A study round over three members in one process: the real member side ({@link StudyMember}) and coordinator side
 * ({@link StudyRound}) with X25519 secure aggregation, the members' transport in memory. The round's model is the
 * step over the members' own noisy updates; a member lost after sharing its key is recovered from its peers' shares
 * and the model is the step over the survivors' updates; two lost of three stop the round.
 */
class StudyRoundTest {
    static final EvmAddress HOME = address(1);
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final X25519SecureAggregator aggregator = new X25519SecureAggregator(new SecureRandom(), 24);
    final StudySpec spec = StudySpec.of(List.of("age"), "condition:44054006", List.of(20.0), List.of(90.0), 1, 5, "8",
            1e-5, 1, List.of(Category.DEMOGRAPHICS, Category.CONDITIONS)).orElseThrow();
    final StudyTerms terms = new StudyTerms(UUID.randomUUID(), Hash32.fromHex("0x" + "11".repeat(32)), address(9),
            "Lab", "{}".getBytes(StandardCharsets.UTF_8), List.of(Category.DEMOGRAPHICS), Purpose.HRESCH, spec);
    final Map<Integer, Member> members = new TreeMap<>();
    final Map<Integer, StudyMember> sides = new TreeMap<>();
    final Map<Integer, List<LogisticModel.Row>> rows = new TreeMap<>();
    /** Each member's rows as its row source holds them (the same instances, so a revoked row is found). */
    final Map<Integer, List<LogisticModel.Row>> own = new TreeMap<>();
    final Set<EvmAddress> lostAtMask = new HashSet<>();
    /** Rows whose patients revoked: a member's row source leaves them out from the next round on. */
    final Set<LogisticModel.Row> revoked = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static EvmAddress address(int i) {
        return new EvmAddress(String.format("0x%040x", i));
    }

    MemberDirectory directory() {
        return InProcessMembers.directory(members, HOME);
    }

    StudyRound round(int n) {
        for (int id = 1; id <= n; id++) {
            members.put(id, new Member(address(id), "Hospital " + id, "http://unused", new byte[32], true));
            rows.put(id, FederatedTrainingTest.rows(200 * id, id, 0));
            own.put(id, rows.get(id).stream().map(r -> new LogisticModel.Row(new double[]{r.x()[0]}, r.y()))
                    .toList());
            List<LogisticModel.Row> mine = own.get(id);
            sides.put(id, new StudyMember((from, t, round) -> Result.ok(mine.stream().filter(r -> !revoked.contains(
                    r)).toList()), aggregator, directory(), address(id),
                    new SplittableRandom(id), Clock.systemUTC(), Duration.ofMinutes(1)));
        }
        InProcessMembers direct = new InProcessMembers(members, sides, members.get(1));
        return new StudyRound(new StudyRound.RoundMembers() {
            @Override
            public Map<Integer, Member> byId() {
                return direct.byId();
            }

            @Override
            public Result<Published> begin(Member m, RoundCalls.Begin call) {
                return direct.begin(m, call);
            }

            @Override
            public Result<Map<Integer, byte[]>> share(Member m, RoundCalls.Share call) {
                return direct.share(m, call);
            }

            @Override
            public Result<RoundCalls.Masked> mask(Member m, RoundCalls.Mask call) {
                return lostAtMask.contains(m.node())
                        ? Result.fail(ErrorCode.MEMBER_UNREACHABLE, "lost")
                        : direct.mask(m, call);
            }

            @Override
            public Result<RoundCalls.Shares> unmask(Member m, RoundCalls.Unmask call) {
                return direct.unmask(m, call);
            }
        }, aggregator, executor, Duration.ofSeconds(20));
    }

    /** The step over the given members' updates, recomputed from their seeds (each member's first draws). */
    LogisticModel expected(LogisticModel model, Set<Integer> who) {
        double[] sum = new double[3];
        for (int id : who) {
            List<LogisticModel.Row> own = rows.get(id).stream().map(r -> new LogisticModel.Row(new double[]{r.x()[0]},
                    r.y())).toList();
            double[] u = LocalUpdate.release(model, own, spec.sigma(), new SplittableRandom(id));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += u[i];
            }
        }
        return LocalUpdate.step(model, sum, spec.learningRate());
    }

    @Test
    void aRound_isTheStepOverTheMembersNoisyUpdates_seenOnlyAsTheirSum() {
        StudyRound round = round(3);
        LogisticModel start = LogisticModel.zero(1);

        StudyRound.Outcome o = round.run(terms, 0, start, true).orElseThrow();

        assertThat(o.participants()).containsExactly(address(1), address(2), address(3));
        assertThat(o.dropped()).isEmpty();
        assertThat(o.patients()).containsEntry(address(2), 400).containsEntry(address(3), 600);
        double[] want = expected(start, Set.of(1, 2, 3)).parameters();
        double[] got = o.model().parameters();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(1e-5));
        }
    }

    @Test
    void aRoundOfTwoMembers_isTheStepOverBoth() {
        StudyRound round = round(2);
        LogisticModel start = LogisticModel.zero(1);

        StudyRound.Outcome o = round.run(terms, 0, start, true).orElseThrow();

        assertThat(o.participants()).containsExactly(address(1), address(2));
        double[] want = expected(start, Set.of(1, 2)).parameters();
        double[] got = o.model().parameters();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(1e-5));
        }
    }

    @Test
    void aMemberLostAfterSharingItsKey_isRecoveredFromItsPeersShares_andTheModelIsTheSurvivorsStep() {
        StudyRound round = round(3);
        lostAtMask.add(address(2));
        LogisticModel start = LogisticModel.zero(1);

        StudyRound.Outcome o = round.run(terms, 0, start, false).orElseThrow();

        assertThat(o.participants()).containsExactly(address(1), address(3));
        assertThat(o.dropped()).containsExactly(address(2));
        double[] want = expected(start, Set.of(1, 3)).parameters();
        double[] got = o.model().parameters();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(1e-5));
        }
    }

    @Test
    void twoMembersLostOfThree_stopTheRound() {
        StudyRound round = round(3);
        lostAtMask.addAll(List.of(address(2), address(3)));

        Result<StudyRound.Outcome> o = round.run(terms, 0, LogisticModel.zero(1), false);

        assertThat(o.isOk()).isFalse();
        assertThat(o.failure().code()).isEqualTo(ErrorCode.STUDY_TOO_FEW_MEMBERS);
    }

    @Test
    void aMemberAskedForItsSharesBeforeItMasked_refuses() {
        round(3);
        Member home = members.get(1);
        sides.get(2).begin(home, new RoundCalls.Begin(address(2), terms, 4, 2, new double[2])).orElseThrow();

        Result<RoundCalls.Shares> early = sides.get(2).unmask(home, new RoundCalls.Unmask(address(2), terms.study(),
                4, List.of(3)));

        assertThat(early.failure().code()).isEqualTo(ErrorCode.AGGREGATION_INVALID_ROUND);
    }

    @Test
    void aPatientWhoRevokesBetweenRounds_isNotInTheNextRoundsUpdate() {
        StudyRound round = round(3);
        StudyRound.Outcome first = round.run(terms, 0, LogisticModel.zero(1), true).orElseThrow();

        revoked.add(own.get(2).get(0));
        StudyRound.Outcome second = round.run(terms, 1, first.model(), true).orElseThrow();

        assertThat(first.patients()).containsEntry(address(2), 400);
        assertThat(second.patients()).containsEntry(address(2), 399).containsEntry(address(3), 600);
    }
}
