package io.salus.chain;

import io.salus.chain.internal.AnvilProcess;
import io.salus.chain.internal.FileTxJournal;
import io.salus.chain.internal.JournalReplay;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.SnapshotStore;
import io.salus.chain.internal.SnapshotStore.Snapshot;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import io.salus.platform.StopOnExit;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dev chain the node runs itself: a child anvil whose state survives restarts and torn files through the node's own
 * atomic snapshots plus a journal of every signed transaction, replayed on start. Thread-safe.
 */
public final class LocalChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalChain.class);
    private static final String FUNDS = "0xd3c21bcecceda1000000"; // 1,000,000 ether

    private final LocalChainConfig config;
    private final AnvilProcess anvil;
    private final Rpc rpc;
    private final FileTxJournal journal;
    private final SnapshotStore snapshots;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private StopOnExit.Registration stopOnExit;
    private boolean closed;

    private LocalChain(LocalChainConfig config, AnvilProcess anvil, Rpc rpc, FileTxJournal journal,
            SnapshotStore snapshots, Clock clock) {
        this.config = config;
        this.anvil = anvil;
        this.rpc = rpc;
        this.journal = journal;
        this.snapshots = snapshots;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "salus-chain-snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts anvil, restores the newest readable snapshot, replays the journal and starts periodic snapshots. */
    public static LocalChain start(LocalChainConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static LocalChain start(LocalChainConfig config, Clock clock) {
        try {
            Files.createDirectories(config.chainDir());
        } catch (IOException e) {
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "cannot create " + config.chainDir(), e);
        }
        String seconds = Long.toString(config.blockTime().toSeconds());
        List<String> mining = switch (config.mining()) {
            case INTERVAL -> List.of("--block-time", seconds);
            case MIXED -> List.of("--block-time", seconds, "--mixed-mining");
        };
        AnvilProcess anvil = AnvilProcess.start(config.anvilBinary(), config.chainDir(), config.chainId(), mining);
        Rpc rpc = Rpc.connect(anvil.rpcUrl(), Duration.ofSeconds(30));
        FileTxJournal journal = FileTxJournal.open(config.chainDir().resolve("journal.txt"));
        LocalChain chain = new LocalChain(config, anvil, rpc, journal,
                new SnapshotStore(config.chainDir().resolve("snapshots"), config.snapshotsKept()), clock);
        try {
            chain.awaitRpc();
            chain.restore();
            JournalReplay.replay(rpc, journal, Duration.ofMinutes(2), a -> chain.fund(new EvmAddress(a)));
            chain.begin();
            return chain;
        } catch (IOException | RuntimeException e) {
            chain.stop(false);
            throw e instanceof UnavailableException u
                    ? u
                    : new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, "the local chain did not start: " + e, e);
        }
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public long chainId() {
        return config.chainId();
    }

    public LocalChainConfig config() {
        return config;
    }

    /** The journal the ledger appends every signed transaction to. */
    public TxJournal journal() {
        return journal;
    }

    /** The pid of the anvil process. */
    public long anvilPid() {
        return anvil.pid();
    }

    /** Gives an account plenty of ether (anvil_setBalance). */
    public void fund(EvmAddress address) {
        rpc.call("anvil_setBalance", () -> rpc.raw("anvil_setBalance", List.of(address.hex(), FUNDS)));
    }

    /** Takes a state snapshot now (atomic, fsynced) and drops journal entries older than every kept snapshot. */
    public synchronized void snapshotNow() {
        snapshot();
    }

    private Snapshot snapshot() {
        long block = rpc.call("eth_blockNumber", () -> rpc.web3j().ethBlockNumber().send().getBlockNumber())
                .longValueExact();
        Snapshot taken = snapshots.write(block, clock.millis(), out -> rpc.rawHexTo("anvil_dumpState", out));
        compactJournal();
        return taken;
    }

    private void compactJournal() {
        List<Snapshot> kept = snapshots.list();
        if (kept.size() < config.snapshotsKept()) {
            return;
        }
        BigInteger oldest = BigInteger.valueOf(kept.get(kept.size() - 1).block());
        Set<String> drop = new HashSet<>();
        for (String raw : journal.entries()) {
            Optional<BigInteger> mined = rpc.call("receipt", () -> JournalReplay.minedIn(rpc, raw));
            if (mined.isPresent() && mined.get().compareTo(oldest) <= 0) {
                drop.add(raw);
            }
        }
        if (!drop.isEmpty()) {
            journal.compact(drop::contains);
        }
    }

    private void awaitRpc() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                rpc.web3j().ethChainId().send();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !anvil.isAlive()) {
                    throw new IOException("anvil does not answer at " + rpcUrl() + ", see "
                            + config.chainDir().resolve("anvil.log"), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }

    private void restore() {
        for (Snapshot s : snapshots.list()) {
            if (!SnapshotStore.isComplete(s)) {
                LOG.warn("chain snapshot {} is unreadable, trying an older one", s.file());
                continue;
            }
            try {
                rpc.rawWithHexOf("anvil_loadState", s.file());
                LOG.info("restored the chain from {} (block {})", s.file().getFileName(), s.block());
                return;
            } catch (IOException e) {
                LOG.warn("anvil refused snapshot {}: {}", s.file(), e.toString());
            }
        }
        LOG.info("no usable chain snapshot: starting from genesis");
    }

    private void begin() {
        scheduleSnapshot(config.snapshotInterval());
        stopOnExit = StopOnExit.register("the local chain", this::close);
    }

    private void scheduleSnapshot(Duration delay) {
        try {
            scheduler.schedule(this::periodicSnapshot, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("the chain is stopping: no more periodic snapshots");
        }
    }

    private void periodicSnapshot() {
        long start = System.nanoTime();
        try {
            snapshotNow();
        } catch (RuntimeException e) {
            LOG.warn("periodic chain snapshot failed: {}", e.toString());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Duration next = nextSnapshotDelay(config.snapshotInterval(), took);
        if (next.compareTo(config.snapshotInterval()) > 0) {
            LOG.info("chain snapshot took {} ms: the next in {} s, not {} s, so that snapshots keep anvil busy at "
                    + "most a tenth of the time", took.toMillis(), next.toSeconds(),
                    config.snapshotInterval().toSeconds());
        }
        scheduleSnapshot(next);
    }

    /**
     * The wait before the next periodic snapshot: the configured interval, or nine times the last snapshot's duration
     * if that is longer. {@code anvil_dumpState} holds anvil's state while it serialises it (16 s for a 100,000-patient
     * chain), so at a fixed interval a large chain would do little but dump itself; the journal replays whatever was
     * mined after the newest snapshot, so a longer wait loses nothing.
     */
    static Duration nextSnapshotDelay(Duration interval, Duration lastSnapshot) {
        Duration paced = lastSnapshot.multipliedBy(9);
        return paced.compareTo(interval) > 0 ? paced : interval;
    }

    /** Takes a final snapshot and stops anvil (also when the JVM exits without a close, see {@link StopOnExit}). */
    @Override
    public void close() {
        stop(true);
    }

    private synchronized void stop(boolean finalSnapshot) {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        if (stopOnExit != null) {
            stopOnExit.cancel();
        }
        if (finalSnapshot) {
            try {
                Snapshot last = snapshot();
                LOG.info("final chain snapshot at block {}: {}", last.block(), last.file().getFileName());
            } catch (RuntimeException e) {
                LOG.warn("final chain snapshot failed: {}", e.toString());
            }
        }
        rpc.close();
        anvil.close();
        journal.close();
        LOG.info("anvil stopped");
    }
}
