package io.salus.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.BatchSequencer.Verdict;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatchSequencerTest {

    static Hash32 content(long seq) {
        return Hashing.sha256(("batch " + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static BatchSequencer accept(BatchSequencer s, long... seqs) {
        for (long q : seqs) {
            BatchSequencer.Step step = s.offer(q, content(q));
            assertThat(step.verdict()).isEqualTo(Verdict.ACCEPTED);
            s = step.next();
        }
        return s;
    }

    @Nested
    class InOrder {
        @Test
        void theNextSequence_isAcceptedInOrder() {
            BatchSequencer.Step step = BatchSequencer.start(8).offer(1, content(1));
            assertThat(step.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(step.inOrder()).isTrue();
            assertThat(step.next().next()).isEqualTo(2);
            assertThat(step.next().missing()).isEmpty();
        }

        @Test
        void aRedeliveredBatch_isADuplicateAndChangesNothing() {
            BatchSequencer s = accept(BatchSequencer.start(8), 1, 2, 3);
            BatchSequencer.Step again = s.offer(2, content(2));
            assertThat(again.verdict()).isEqualTo(Verdict.DUPLICATE);
            assertThat(again.next()).isEqualTo(s);
        }
    }

    @Nested
    class OutOfOrder {
        @Test
        void aBatchAheadOfAGap_isAcceptedAndTheGapIsVisible() {
            BatchSequencer s = accept(BatchSequencer.start(8), 1, 2);
            BatchSequencer.Step ahead = s.offer(5, content(5));
            assertThat(ahead.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(ahead.inOrder()).isFalse();
            assertThat(ahead.next().missing()).containsExactly(new SequenceRange(3, 4));
            assertThat(ahead.next().missingCount()).isEqualTo(2);
        }

        @Test
        void lateBatches_fillTheGapUntilNothingIsMissing() {
            BatchSequencer s = accept(BatchSequencer.start(8), 1, 4, 6, 3);
            assertThat(s.missing()).containsExactly(new SequenceRange(2, 2), new SequenceRange(5, 5));
            s = accept(s, 5, 2);
            assertThat(s.missing()).isEmpty();
            assertThat(s.next()).isEqualTo(7);
            assertThat(s.lost()).isZero();
        }
    }

    @Nested
    class Refusals {
        @Test
        void anAcceptedSequenceWithOtherContent_isReplayedAndChangesNothing() {
            BatchSequencer s = accept(BatchSequencer.start(8), 1, 2, 3);
            BatchSequencer.Step replay = s.offer(2, content(99));
            assertThat(replay.verdict()).isEqualTo(Verdict.REPLAYED);
            assertThat(replay.next()).isEqualTo(s);
        }

        @Test
        void aSequenceBelowTheWindow_isStale() {
            BatchSequencer s = accept(BatchSequencer.start(4), 1, 2, 3, 4, 5, 6);
            assertThat(s.floor()).isEqualTo(3);
            assertThat(s.offer(2, content(2)).verdict()).isEqualTo(Verdict.STALE);
            assertThat(s.offer(2, content(77)).verdict()).isEqualTo(Verdict.STALE);
            assertThat(s.offer(3, content(3)).verdict()).isEqualTo(Verdict.DUPLICATE);
        }
    }

    @Nested
    class Window {
        @Test
        void aJumpBeyondTheWindow_countsTheSkippedSequencesLostAndTheyStayRefused() {
            BatchSequencer s = accept(BatchSequencer.start(4), 1, 2);
            BatchSequencer.Step jump = s.offer(10, content(10));
            assertThat(jump.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(jump.lostNow()).isEqualTo(4); // 3, 4, 5, 6 fell below the floor 7
            BatchSequencer after = jump.next();
            assertThat(after.lost()).isEqualTo(4);
            assertThat(after.missing()).containsExactly(new SequenceRange(7, 9));
            assertThat(after.offer(5, content(5)).verdict()).isEqualTo(Verdict.STALE);
            assertThat(after.offer(8, content(8)).verdict()).isEqualTo(Verdict.ACCEPTED);
        }

        @Test
        void outOfOrderBatchesInsideTheWindow_areNotLost() {
            BatchSequencer s = accept(BatchSequencer.start(4), 1, 3, 4);
            assertThat(s.missing()).containsExactly(new SequenceRange(2, 2));
            s = accept(s, 2);
            assertThat(s.lost()).isZero();
            assertThat(List.of(s.next(), s.highest())).containsExactly(5L, 4L);
        }
    }
}
