package io.salus.core.device;

import static io.salus.core.device.BatchSequencerTest.content;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.BatchSequencer.Verdict;
import io.salus.core.merkle.Hash32;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The sequencer under arbitrary delivery: every batch is accepted exactly once however often and in whatever order
 * it arrives within the window; copies are no-ops; other content under an accepted number never gets in; and every
 * number up to the highest is accounted for as accepted, missing or lost.
 */
class BatchSequencerProperties {

    @Provide
    Arbitrary<List<Long>> deliveries() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Arbitraries.longs().between(1, n).list()
                .ofMinSize(1).ofMaxSize(120));
    }

    @Property
    void withinTheWindow_eachSequenceIsAcceptedOnceAndCopiesAreDuplicates(@ForAll("deliveries") List<Long> offers) {
        BatchSequencer s = BatchSequencer.start(64);
        Set<Long> seen = new HashSet<>();
        for (long q : offers) {
            BatchSequencer.Step step = s.offer(q, content(q));
            assertThat(step.verdict()).isEqualTo(seen.add(q) ? Verdict.ACCEPTED : Verdict.DUPLICATE);
            s = step.next();
        }
        long highest = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(s.highest()).isEqualTo(highest);
        assertThat(s.lost()).isZero();
        assertThat(s.missingCount()).isEqualTo(highest - seen.size());
    }

    @Property
    void otherContentUnderAnAcceptedNumber_isRefusedAndLeavesTheStateAsItWas(
            @ForAll("deliveries") List<Long> offers, @ForAll @IntRange(min = 0, max = 200) int pick) {
        BatchSequencer s = BatchSequencer.start(64);
        for (long q : offers) {
            s = s.offer(q, content(q)).next();
        }
        long victim = offers.get(pick % offers.size());
        BatchSequencer.Step replay = s.offer(victim, content(victim + 1000));
        assertThat(replay.verdict()).isEqualTo(Verdict.REPLAYED);
        assertThat(replay.next()).isEqualTo(s);
    }

    @Property
    void everyNumberUpToTheHighestIsAcceptedMissingOrLost(@ForAll("deliveries") List<Long> offers,
            @ForAll @IntRange(min = 1, max = 12) int window) {
        BatchSequencer s = BatchSequencer.start(window);
        long accepted = 0;
        for (long q : offers) {
            BatchSequencer.Step step = s.offer(q, content(q));
            if (step.verdict() == Verdict.ACCEPTED) {
                accepted++;
            }
            assertThat(step.verdict()).isNotEqualTo(Verdict.REPLAYED);
            s = step.next();
        }
        assertThat(accepted + s.missingCount() + s.lost()).isEqualTo(s.highest());
        assertThat(s.next()).isGreaterThanOrEqualTo(s.floor());
        long floor = s.floor();
        assertThat(s.missing()).allSatisfy(r -> assertThat(r.first()).isGreaterThanOrEqualTo(floor));
    }

    @Property
    void offeringTheSameBatchTwice_isIdempotent(@ForAll("deliveries") List<Long> offers,
            @ForAll @IntRange(min = 1, max = 12) int window) {
        BatchSequencer s = BatchSequencer.start(window);
        for (long q : offers) {
            BatchSequencer once = s.offer(q, content(q)).next();
            BatchSequencer.Step twice = once.offer(q, content(q));
            assertThat(twice.next()).isEqualTo(once);
            assertThat(twice.verdict()).isIn(Verdict.DUPLICATE, Verdict.STALE);
            s = once;
        }
    }

    @Provide
    Arbitrary<List<Long>> jumpyDeliveries() {
        return Arbitraries.longs().between(1, 60).list().ofMinSize(1).ofMaxSize(80);
    }

    @Property
    void agreesWithANaiveModelOfEverySequenceEverSeen(@ForAll("jumpyDeliveries") List<Long> offers,
            @ForAll("jumpyDeliveries") List<Long> variants, @ForAll @IntRange(min = 1, max = 12) int window) {
        BatchSequencer s = BatchSequencer.start(window);
        Map<Long, Hash32> accepted = new HashMap<>();
        long highest = 0;
        for (int i = 0; i < offers.size(); i++) {
            long q = offers.get(i);
            Hash32 d = variants.get(i % variants.size()) % 3 == 0 ? content(q + 1000) : content(q);
            long floor = Math.max(1, highest - window + 1);
            Verdict expected;
            if (accepted.containsKey(q) && q >= floor) {
                expected = accepted.get(q).equals(d) ? Verdict.DUPLICATE : Verdict.REPLAYED;
            } else if (q < floor) {
                expected = Verdict.STALE;
            } else {
                expected = Verdict.ACCEPTED;
                accepted.put(q, d);
                highest = Math.max(highest, q);
            }
            s = assertStep(s.offer(q, d), expected);
            long newFloor = Math.max(1, highest - window + 1);
            long lost = 0;
            long missing = 0;
            long next = highest + 1;
            for (long n = highest; n >= 1; n--) {
                if (!accepted.containsKey(n)) {
                    if (n < newFloor) {
                        lost++;
                    } else {
                        missing++;
                        next = n;
                    }
                }
            }
            assertThat(s.lost()).isEqualTo(lost);
            assertThat(s.missingCount()).isEqualTo(missing);
            assertThat(s.highest()).isEqualTo(highest);
            assertThat(s.next()).isEqualTo(next);
        }
    }

    private static BatchSequencer assertStep(BatchSequencer.Step step, Verdict expected) {
        assertThat(step.verdict()).isEqualTo(expected);
        return step.next();
    }
}
