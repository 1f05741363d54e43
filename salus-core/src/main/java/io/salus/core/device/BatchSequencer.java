package io.salus.core.device;

import io.salus.core.merkle.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
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
 * The window is a ring of {@code window} slots (sequence {@code s} in slot {@code s mod window}); an accepting offer
 * copies the ring (an array copy) and changes the copy. Immutable and thread-safe.
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

    private final long next;
    private final long highest;
    private final long lost;
    /** The digest of accepted sequence s in [floor, highest] at slot s mod window; null elsewhere. */
    private final Hash32[] slots;

    private BatchSequencer(long next, long highest, long lost, Hash32[] slots) {
        this.next = next;
        this.highest = highest;
        this.lost = lost;
        this.slots = slots;
    }

    /** A device that has sent nothing yet. */
    public static BatchSequencer start(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the window is at least 1");
        }
        return new BatchSequencer(1, 0, 0, new Hash32[window]);
    }

    /**
     * The state a store kept: {@code next}, {@code highest}, {@code lost} and the digests of the accepted sequences in
     * the window (sequences below the window's floor are ignored, so a store may keep more than the window).
     */
    public static BatchSequencer restore(int window, long next, long highest, long lost, Map<Long, Hash32> accepted) {
        BatchSequencer empty = start(window);
        if (highest < 0 || next < 1 || next > highest + 1 || lost < 0) {
            throw new IllegalArgumentException("inconsistent sequencer state: next " + next + ", highest " + highest);
        }
        Hash32[] ring = new Hash32[window];
        long floor = Math.max(1, highest - window + 1);
        accepted.forEach((s, d) -> {
            if (s > highest) {
                throw new IllegalArgumentException("sequence " + s + " is above the highest accepted " + highest);
            }
            if (s >= floor) {
                ring[(int) (s % window)] = Objects.requireNonNull(d, "digest");
            }
        });
        return highest == 0 ? empty : new BatchSequencer(next, highest, lost, ring);
    }

    /** The accepted sequences still remembered (in the window), with their content digests, in ascending order. */
    public SortedMap<Long, Hash32> remembered() {
        SortedMap<Long, Hash32> out = new TreeMap<>();
        for (long s = floor(); s <= highest; s++) {
            Hash32 d = slots[slot(s)];
            if (d != null) {
                out.put(s, d);
            }
        }
        return out;
    }

    public Step offer(long sequence, Hash32 digest) {
        Objects.requireNonNull(digest, "digest");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        Hash32 seen = digestOf(sequence);
        if (seen != null) {
            return new Step(this, seen.equals(digest) ? Verdict.DUPLICATE : Verdict.REPLAYED, false, 0);
        }
        if (sequence < floor() || sequence < next) {
            return new Step(this, Verdict.STALE, false, 0);
        }
        long newHighest = Math.max(highest, sequence);
        long newFloor = Math.max(1, newHighest - window() + 1);
        long lostNow = 0;
        if (next < newFloor) {
            // next..newFloor-1 leave the window: the ones never accepted are lost
            long accepted = 0;
            for (long s = next; s < newFloor && s <= highest; s++) {
                if (slots[slot(s)] != null) {
                    accepted++;
                }
            }
            lostNow = newFloor - next - accepted;
        }
        Hash32[] ring;
        if (newFloor > highest) {
            ring = new Hash32[slots.length];
        } else {
            ring = slots.clone();
            for (long s = floor(); s < newFloor; s++) {
                ring[slot(s)] = null;
            }
        }
        ring[slot(sequence)] = digest;
        long n = Math.max(next, newFloor);
        while (n <= newHighest && ring[slot(n)] != null) {
            n++;
        }
        return new Step(new BatchSequencer(n, newHighest, lost + lostNow, ring), Verdict.ACCEPTED,
                sequence == next, lostNow);
    }

    /** The gaps: sequences in {@code [next, highest]} not received yet (each may still arrive). */
    public List<SequenceRange> missing() {
        List<SequenceRange> gaps = new ArrayList<>();
        long start = -1;
        for (long s = next; s <= highest; s++) {
            boolean have = slots[slot(s)] != null;
            if (!have && start < 0) {
                start = s;
            } else if (have && start >= 0) {
                gaps.add(new SequenceRange(start, s - 1));
                start = -1;
            }
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
        return slots.length;
    }

    /** The lowest sequence number still remembered. */
    public long floor() {
        return Math.max(1, highest - window() + 1);
    }

    private Hash32 digestOf(long s) {
        return s >= floor() && s <= highest ? slots[slot(s)] : null;
    }

    private int slot(long s) {
        return (int) (s % slots.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchSequencer s && next == s.next && highest == s.highest && lost == s.lost
                && Arrays.equals(slots, s.slots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(next, highest, lost, Arrays.hashCode(slots));
    }

    @Override
    public String toString() {
        return "BatchSequencer[next=" + next + ", highest=" + highest + ", lost=" + lost + ", missing=" + missing()
                + "]";
    }
}
