package io.salus.core.device;

import io.salus.core.merkle.Hash32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The acceptance state of one device's batch sequence, as an immutable value: {@link #offer} returns the next state
 * and the verdict, and never changes this one. Sequence numbers start at 1.
 *
 * <p>
 * State: {@code next}, the lowest sequence not yet settled (every lower one was accepted or is counted lost);
 * {@code highest}, the highest accepted (0 if none); the content digest of each accepted sequence in the window
 * {@code [floor, highest]} where {@code floor = max(1, highest - window + 1)}; and how many sequences were lost.
 * Verdicts for a sequence {@code s} with content digest {@code d}:
 * <ul>
 * <li>{@code s} accepted before with digest {@code d}: {@link Verdict#DUPLICATE} (an idempotent no-op: a
 * re-delivery);</li>
 * <li>{@code s} accepted before with another digest: {@link Verdict#REPLAYED} (the sequence is reused with other
 * content; refused, state unchanged);</li>
 * <li>{@code s < floor}, or below {@code next} and not remembered: {@link Verdict#STALE} (too old to tell a
 * duplicate from a replay: refused);</li>
 * <li>otherwise {@link Verdict#ACCEPTED}: in order when {@code s == next}; ahead of a gap when {@code s > next}
 * (the gap is visible in {@link #missing}); late when it fills a gap. When accepting raises {@code highest} so far
 * that the window's floor passes sequences never received, those are counted {@link #lost} and never accepted
 * afterwards.</li>
 * </ul>
 * Immutable and thread-safe; an {@link #offer} copies at most {@code window} entries.
 */
public final class BatchSequencer {

    /** What happened to an offered sequence. */
    public enum Verdict {
        ACCEPTED,
        DUPLICATE,
        REPLAYED,
        STALE
    }

    /** The next state and the verdict of one offer; {@code lostNow} counts sequences this offer declared lost. */
    public record Step(BatchSequencer next, Verdict verdict, boolean inOrder, long lostNow) {
    }

    private final int window;
    private final long next;
    private final long highest;
    private final long lost;
    private final NavigableMap<Long, Hash32> accepted;

    private BatchSequencer(int window, long next, long highest, long lost, NavigableMap<Long, Hash32> accepted) {
        this.window = window;
        this.next = next;
        this.highest = highest;
        this.lost = lost;
        this.accepted = accepted;
    }

    /** A device that has sent nothing yet. */
    public static BatchSequencer start(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the window is at least 1");
        }
        return new BatchSequencer(window, 1, 0, 0, Collections.emptyNavigableMap());
    }

    public Step offer(long sequence, Hash32 digest) {
        Objects.requireNonNull(digest, "digest");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        Hash32 seen = accepted.get(sequence);
        if (seen != null) {
            return new Step(this, seen.equals(digest) ? Verdict.DUPLICATE : Verdict.REPLAYED, false, 0);
        }
        if (sequence < floor() || sequence < next) {
            return new Step(this, Verdict.STALE, false, 0);
        }
        TreeMap<Long, Hash32> map = new TreeMap<>(accepted);
        map.put(sequence, digest);
        long newHighest = Math.max(highest, sequence);
        long newFloor = Math.max(1, newHighest - window + 1);
        long lostNow = 0;
        long newNext = next;
        if (newNext < newFloor) {
            lostNow = (newFloor - newNext) - map.subMap(newNext, true, newFloor, false).size();
            newNext = newFloor;
        }
        while (map.containsKey(newNext)) {
            newNext++;
        }
        NavigableMap<Long, Hash32> kept = Collections.unmodifiableNavigableMap(new TreeMap<>(map.tailMap(newFloor,
                true)));
        return new Step(new BatchSequencer(window, newNext, newHighest, lost + lostNow, kept), Verdict.ACCEPTED,
                sequence == next, lostNow);
    }

    /** The gaps: sequences in {@code [next, highest]} not received yet (each may still arrive). */
    public List<SequenceRange> missing() {
        List<SequenceRange> gaps = new ArrayList<>();
        long expect = next;
        for (long s : accepted.tailMap(next, true).keySet()) {
            if (s > expect) {
                gaps.add(new SequenceRange(expect, s - 1));
            }
            expect = s + 1;
        }
        return List.copyOf(gaps);
    }

    public long missingCount() {
        return missing().stream().mapToLong(SequenceRange::size).sum();
    }

    /** The lowest sequence number not yet settled. */
    public long next() {
        return next;
    }

    /** The highest accepted sequence number, 0 before the first. */
    public long highest() {
        return highest;
    }

    /** Sequences that fell below the window without ever arriving. */
    public long lost() {
        return lost;
    }

    public int window() {
        return window;
    }

    /** The lowest sequence number still remembered. */
    public long floor() {
        return Math.max(1, highest - window + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchSequencer s && window == s.window && next == s.next && highest == s.highest
                && lost == s.lost && accepted.equals(s.accepted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(window, next, highest, lost, accepted);
    }

    @Override
    public String toString() {
        return "BatchSequencer[next=" + next + ", highest=" + highest + ", lost=" + lost + ", missing=" + missing()
                + "]";
    }
}
