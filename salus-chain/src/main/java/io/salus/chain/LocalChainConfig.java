package io.salus.chain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A node-managed anvil: the directory it keeps everything in (snapshots, journal, logs, pid file, anvil's home), the
 * anvil binary, the chain id, how often a state snapshot is taken and how many are kept, how blocks are mined and the
 * interval of the interval blocks (whole seconds, at least one).
 */
public record LocalChainConfig(Path chainDir, Path anvilBinary, long chainId, Duration snapshotInterval,
        int snapshotsKept, Mining mining, Duration blockTime) {
    public static final long DEFAULT_CHAIN_ID = 31337;

    public LocalChainConfig {
        Objects.requireNonNull(chainDir, "chainDir");
        Objects.requireNonNull(anvilBinary, "anvilBinary");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(mining, "mining");
        Objects.requireNonNull(blockTime, "blockTime");
        if (blockTime.toSeconds() < 1 || blockTime.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("the block time must be a whole number of seconds, at least one");
        }
        if (snapshotsKept < 1 || snapshotInterval.isNegative() || snapshotInterval.isZero()) {
            throw new IllegalArgumentException("keep at least one snapshot, taken at a positive interval");
        }
    }

    /** Chain id 31337, a snapshot every 10 s, the last 3 kept, {@link Mining#DEFAULT}, a block every second. */
    public static LocalChainConfig of(Path chainDir, Path anvilBinary) {
        return new LocalChainConfig(chainDir, anvilBinary, DEFAULT_CHAIN_ID, Duration.ofSeconds(10), 3,
                Mining.DEFAULT, Duration.ofSeconds(1));
    }

    public LocalChainConfig withChainId(long id) {
        return new LocalChainConfig(chainDir, anvilBinary, id, snapshotInterval, snapshotsKept, mining, blockTime);
    }

    public LocalChainConfig withSnapshotInterval(Duration interval) {
        return new LocalChainConfig(chainDir, anvilBinary, chainId, interval, snapshotsKept, mining, blockTime);
    }

    public LocalChainConfig withMining(Mining m) {
        return new LocalChainConfig(chainDir, anvilBinary, chainId, snapshotInterval, snapshotsKept, m, blockTime);
    }

    /**
     * The interval of the interval blocks ({@code --block-time}). With {@link Mining#MIXED} transactions are mined as
     * they arrive whatever the interval, so a longer one only means fewer empty blocks; anvil 1.7.1 pays for every
     * block in proportion to the chain's state and length (docs/benchmarks.md, onboarding).
     */
    public LocalChainConfig withBlockTime(Duration interval) {
        return new LocalChainConfig(chainDir, anvilBinary, chainId, snapshotInterval, snapshotsKept, mining, interval);
    }

    /** How anvil mines. Plain automine is not offered: it drops accepted transactions under bursts. */
    public enum Mining {
        /** Only interval blocks ({@code --block-time}). */
        INTERVAL,
        /**
         * Automine plus interval blocks ({@code --block-time --mixed-mining}). Measured here: a burst of 500
         * anchors from 10 threads mined completely in about 4-6 s, against about 50 s with {@link #INTERVAL}.
         */
        MIXED;

        public static final Mining DEFAULT = MIXED;
    }
}
