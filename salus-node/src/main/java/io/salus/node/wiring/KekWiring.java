package io.salus.node.wiring;

import io.salus.core.keys.KekHolding;
import io.salus.core.keys.KekRetirement;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresKekHoldings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KEK retirement pass ({@link KekRetirement}) over every place the node keeps values sealed under its KEK: the
 * store's columns ({@link PostgresKekHoldings}) and the node's own keys file ({@link NodeSecretsHolding}). After a
 * rotation, a background thread re-wraps what older keys sealed while the node serves (reads open under either key);
 * deleting the older keys is {@code ./salus keys retire-old} ({@link Keys#retireOld}), with the node stopped.
 */
final class KekWiring implements AutoCloseable {
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(KekWiring.class);
    private final KekRetirement retirement;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread worker;

    private KekWiring(KekRetirement retirement) {
        this.retirement = retirement;
    }

    static KekRetirement retirement(Storage storage, Path dataDir, TinkKeyManager keys, Clock clock, int batch) {
        List<KekHolding> holdings = new ArrayList<>(PostgresKekHoldings.all(storage.jdbi(), clock));
        holdings.add(new NodeSecretsHolding(dataDir));
        return new KekRetirement(holdings, keys, batch);
    }

    /** Prints each holding's progress on {@code out}. */
    static Consumer<KekRetirement.Progress> progress(PrintStream out, String label) {
        ConsoleProgress console = new ConsoleProgress(out, label);
        return p -> console.report(p.holding(), p.examined(), p.size());
    }

    /** Wires the pass and, if the KEK holds older keys and the setting allows, starts re-wrapping in the background. */
    static KekWiring start(NodeSettings s, Storage storage, TinkKeyManager keys, Clock clock, PrintStream out) {
        KekWiring k = new KekWiring(retirement(storage, s.dataDir(), keys, clock, BATCH));
        List<Integer> ids = keys.kekStatus().keyIds();
        if (ids.size() > 1 && s.kekRewrapAtStart()) {
            out.println("Keys: the KEK holds older keys besides the primary " + keys.primaryKeyId() + " " + ids
                    + "; re-wrapping what they sealed in the background");
            k.worker = new Thread(() -> {
                if (!storage.locks().ifFree("start:kek-rewrap", () -> k.rewrap(out))) {
                    out.println("Keys: another instance of this node is re-wrapping; this one does not");
                }
            }, "salus-kek-rewrap");
            k.worker.setDaemon(true);
            k.worker.start();
        }
        return k;
    }

    private void rewrap(PrintStream out) {
        try {
            KekRetirement.Pass pass = retirement.rewrap(stop::get, progress(out, "Keys: re-wrap"));
            if (!pass.finished()) {
                out.println("Keys: re-wrapping stopped after " + pass.rewrapped() + " values; it continues at the "
                        + "next start");
                return;
            }
            Map<String, Long> left = retirement.remaining();
            long total = left.values().stream().mapToLong(Long::longValue).sum();
            out.println("Keys: re-wrapped " + pass.rewrapped() + " values under the primary KEK key; " + total
                    + (total == 0
                            ? " need an older key: stop the node and run ./salus keys retire-old to delete them"
                            : " still need an older key " + left));
        } catch (RuntimeException e) {
            LOG.warn("re-wrapping under the primary KEK key failed; it runs again at the next start: {}",
                    e.toString());
        }
    }

    KekRetirement retirement() {
        return retirement;
    }

    /** Whether the background re-wrap is still running. */
    boolean running() {
        return worker != null && worker.isAlive();
    }

    @Override
    public void close() {
        stop.set(true);
        if (worker != null) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
