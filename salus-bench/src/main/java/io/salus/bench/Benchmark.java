package io.salus.bench;

/**
 * A benchmark the {@code bench} command runs: prepared once on the population and the node, then run (repeating its
 * measurements itself, {@link BenchContext#repeats()} times) into an {@link Outcome} whose comparisons hold the
 * Salus figure, the baseline measured in the same run and their ratio.
 *
 * <p>
 * Two benchmarks are to plug in here when their features land, each with its baseline:
 * <ul>
 * <li><b>consent</b>: consent decisions per second by bulk bitmap evaluation over the population, against a
 * row-by-row SQL evaluation of the same grants in PostgreSQL (goal: over 1,000,000 decisions per second per core);</li>
 * <li><b>cohort</b>: cohort counts with consent filtering through the in-memory index, against the equivalent SQL
 * over a normalised feature table (the OMOP / i2b2 way: one row per patient and feature), at growing population sizes
 * (goal: p50 under 10 ms over 1,000,000 patients); its latency-against-population series feeds the plot.</li>
 * </ul>
 * Implementations in other modules register through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.salus.bench.Benchmark} file) and must have a public no-argument constructor.
 */
public interface Benchmark extends AutoCloseable {
    /** A short stable name, also the {@code --only} filter of the command. */
    String name();

    /** Prepares accounts, data and baselines; not timed. */
    void setup(BenchContext ctx);

    /** Measures and checks its own results. */
    Outcome run(BenchContext ctx);

    /** Releases what {@link #setup} opened. */
    @Override
    default void close() {
    }
}
