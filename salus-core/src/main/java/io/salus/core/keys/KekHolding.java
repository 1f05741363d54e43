package io.salus.core.keys;

/**
 * One place where the node keeps values sealed under its KEK (a table's column, a file), walked by the retirement pass
 * ({@link KekRetirement}) in steps. The holding persists how far it got (its cursor, for the current primary key), so
 * a pass stopped half-way continues where it stopped; re-wrapping a value already under the primary key is skipped,
 * so a step is idempotent. Thread-safe.
 */
public interface KekHolding {

    /** A stable name (for progress and the persisted cursor), for example {@code record-key}. */
    String name();

    /**
     * Re-wraps the values under a key other than {@code rewrap}'s primary among the next {@code limit} after the
     * persisted cursor, and advances the cursor in the same transaction.
     */
    Step step(KekRewrap rewrap, int limit);

    /** Starts the walk again from the beginning (the cursor of the current primary is forgotten). */
    void restart(KekRewrap rewrap);

    /**
     * How many values are still sealed under a key other than {@code rewrap}'s primary: counted, independently of the
     * cursor. Values that are absent (an account whose private keys the node does not hold) are not counted.
     */
    long remaining(KekRewrap rewrap);

    /**
     * What one step did: values looked at, values re-wrapped, values that did not open (left as they were), and whether
     * the walk has reached the end.
     */
    record Step(int examined, int rewrapped, int failed, boolean done) {
    }
}
