package io.salus.core.keys;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Retires old KEK keys: walks every {@link KekHolding} in steps, re-wrapping what is sealed under an older key to the
 * primary, then counts (independently of the walk) what still needs an older key and deletes the older keys from the
 * keyset only when that count is zero. Stoppable between steps; the holdings persist their cursors, so the next run
 * continues. Re-wrapping never changes what a value opens to, so readers keep working under either key while it
 * runs. Not thread-safe: one pass at a time.
 */
public final class KekRetirement {
    private final List<KekHolding> holdings;
    private final KekRewrap rewrap;
    private final int batchSize;

    public KekRetirement(List<KekHolding> holdings, KekRewrap rewrap, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.holdings = List.copyOf(holdings);
        this.rewrap = rewrap;
        this.batchSize = batchSize;
    }

    /**
     * After a step of one holding: its values looked at so far in this run, how many needed an older key when the run
     * reached it, and the run's totals.
     */
    public record Progress(String holding, long examined, long size, long rewrapped, long failed) {
    }

    /** What a run did; {@code finished} when every holding reached its end (not stopped). */
    public record Pass(long examined, long rewrapped, long failed, boolean finished) {
    }

    /** The keyset: deletes every key but {@code primary}; the key ids left, or why nothing was deleted. */
    @FunctionalInterface
    public interface OldKeys {
        Result<List<Integer>> deleteAllBut(int primary);
    }

    /** The outcome of a retirement: the run, and the key ids the keyset holds now. */
    public record Retired(Pass pass, List<Integer> keyIds) {
    }

    /** Re-wraps until every holding reached its end or {@code stop} says so (checked before each step). */
    public Pass rewrap(BooleanSupplier stop, Consumer<Progress> progress) {
        long examined = 0;
        long rewrapped = 0;
        long failed = 0;
        for (KekHolding h : holdings) {
            long size = h.remaining(rewrap);
            long seen = 0;
            KekHolding.Step step;
            do {
                if (stop.getAsBoolean()) {
                    return new Pass(examined, rewrapped, failed, false);
                }
                step = h.step(rewrap, batchSize);
                seen += step.examined();
                examined += step.examined();
                rewrapped += step.rewrapped();
                failed += step.failed();
                progress.accept(new Progress(h.name(), seen, size, rewrapped, failed));
            } while (!step.done());
        }
        return new Pass(examined, rewrapped, failed, true);
    }

    /** Per holding, how many values still need a key other than the primary (counted, not taken from the cursors). */
    public Map<String, Long> remaining() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (KekHolding h : holdings) {
            out.put(h.name(), h.remaining(rewrap));
        }
        return out;
    }

    /**
     * Re-wraps everything, counts what still needs an older key (walking again, once, the holdings where the count is
     * not zero) and only when it is zero deletes the older keys. {@code KEK_RETIREMENT_STOPPED} when stopped first,
     * {@code KEK_KEY_STILL_NEEDED} with the counts when values still need an older key (for instance values that do
     * not open: altered in the database); in both cases no key is deleted.
     */
    public Result<Retired> retire(BooleanSupplier stop, Consumer<Progress> progress, OldKeys keys) {
        Pass pass = rewrap(stop, progress);
        if (!pass.finished()) {
            return stopped(pass);
        }
        Map<String, Long> left = remaining();
        if (total(left) > 0) {
            for (KekHolding h : holdings) {
                if (left.get(h.name()) > 0) {
                    h.restart(rewrap);
                }
            }
            Pass again = rewrap(stop, progress);
            pass = new Pass(pass.examined() + again.examined(), pass.rewrapped() + again.rewrapped(),
                    pass.failed() + again.failed(), again.finished());
            if (!pass.finished()) {
                return stopped(pass);
            }
            left = remaining();
        }
        if (total(left) > 0) {
            left.values().removeIf(n -> n == 0);
            return Result.fail(ErrorCode.KEK_KEY_STILL_NEEDED, total(left) + " values still need an older KEK key "
                    + left + " (" + pass.failed() + " did not open); no key was deleted");
        }
        Pass done = pass;
        return keys.deleteAllBut(rewrap.primaryKeyId()).map(ids -> new Retired(done, ids));
    }

    private static <T> Result<T> stopped(Pass pass) {
        return Result.fail(ErrorCode.KEK_RETIREMENT_STOPPED, "stopped after re-wrapping " + pass.rewrapped()
                + " values; run it again to continue where it stopped. No key was deleted.");
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
