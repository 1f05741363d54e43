package io.salus.crypto;

/**
 * Argon2id (version 0x13) parameters for deriving the master key from the node's secret. They are stored in the KEK
 * file next to the encrypted keyset (with a random salt), so a file keeps opening after the defaults change.
 *
 * @param memoryKiB memory cost in KiB
 * @param iterations time cost (passes over memory)
 * @param parallelism lanes
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {

    /** RFC 9106's second recommended option with one lane: 64 MiB, 3 passes. About half a second on one core. */
    public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

    /** Upper bounds keep a modified file from making the node allocate unbounded memory or spin. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    public KdfParameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be in 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in 1.." + MAX_ITERATIONS);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKiB must be in " + 8 * parallelism + ".." + MAX_MEMORY_KIB);
        }
    }
}
