package io.salus.core.usecase;

import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.Ledger;
import io.salus.core.port.Outbox;
import io.salus.core.port.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors deposits: cuts batches of unanchored records (by size or age) and delivers each batch's outbox message by
 * anchoring its Merkle root on chain, then records the mined transaction. Idempotent end to end: a batch is cut in one
 * database transaction, and the ledger returns the existing anchor for a key already on chain, so a crash between
 * mining and marking never anchors a record twice. Not thread-safe: run one instance per node on one thread.
 */
public final class AnchorWorker {
    /** Most batches cut, and most anchored, in one pass. */
    public static final int PER_PASS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(AnchorWorker.class);
    private final RecordStore records;
    private final Outbox outbox;
    private final Ledger ledger;
    private final Clock clock;
    private final Settings settings;

    /** Batch size and the longest a record waits for its batch; retry backoff bounds. */
    public record Settings(int maxBatchSize, Duration maxDelay, Duration minBackoff, Duration maxBackoff) {
        public Settings {
            if (maxBatchSize < 1 || maxBatchSize > 1 << 16) {
                throw new IllegalArgumentException("batch size must be within 1..65536");
            }
        }
    }

    public AnchorWorker(RecordStore records, Outbox outbox, Ledger ledger, Clock clock, Settings settings) {
        this.records = records;
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One pass: cut what is due (at most {@link #PER_PASS} batches), anchor what is pending (as many). Returns the
     * number of batches anchored. The cut is bounded so that deposits arriving faster than batches are cut cannot keep
     * a pass from ever anchoring (measured at 100,000 patients: cut batches waited while deposits went on).
     */
    public int runOnce() {
        for (int cut = 0; cut < PER_PASS
                && records.cutBatch(settings.maxBatchSize(), settings.maxDelay(), clock.instant()).isPresent(); cut++) {
            LOG.debug("cut a batch");
        }
        int anchored = 0;
        List<OutboxEntry> due = outbox.due(OutboxKinds.ANCHOR_BATCH, PER_PASS, clock.instant());
        for (OutboxEntry e : due) {
            Map<String, String> p = e.message().payload();
            try {
                AnchorTx tx = ledger.anchor(Hash32.fromHex(p.get("batchKey")), Hash32.fromHex(p.get("root")),
                        Integer.parseInt(p.get("size")));
                records.markAnchored(tx, e.id(), clock.instant());
                anchored++;
            } catch (SalusException ex) {
                Instant next = clock.instant().plus(Backoff.delay(e.attempts(), settings.minBackoff(),
                        settings.maxBackoff()));
                LOG.warn("anchoring batch {} failed (attempt {}), retrying at {}: {}", p.get("batchKey"),
                        e.attempts() + 1, next, ex.getMessage());
                outbox.retryLater(e.id(), String.valueOf(ex.getMessage()), next);
            }
        }
        return anchored;
    }
}
