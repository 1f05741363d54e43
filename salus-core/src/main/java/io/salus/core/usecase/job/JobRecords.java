package io.salus.core.usecase.job;

import io.salus.core.anchor.AnchorTx;
import io.salus.core.job.Job;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.Ledger;
import io.salus.core.port.Outbox;
import io.salus.core.usecase.Backoff;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A released job's record on chain: the digest keccak-256(algorithm hash ‖ input root ‖ output hash) anchored in the
 * RecordRegistry under the job's key keccak-256("salus/job/1" ‖ job id) with one leaf, through the outbox (the
 * message is written with the RELEASED transition; the anchor is idempotent by key, so a retry never records twice).
 * Anyone holding the three hashes checks them against the anchored digest. The output hash is also the package hash
 * the deal's settlement puts on chain. Thread-safe.
 */
public final class JobRecords {
    public static final String KIND = "job-record";
    private final Outbox outbox;
    private final Ledger ledger;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Clock clock;

    public JobRecords(Outbox outbox, Ledger ledger, Duration minBackoff, Duration maxBackoff, Clock clock) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    /** The job's key on chain. */
    public static Hash32 key(UUID job) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(job.getMostSignificantBits())
                .putLong(job.getLeastSignificantBits());
        return Hashing.keccak256("salus/job/1".getBytes(StandardCharsets.US_ASCII), b.array());
    }

    /** The digest anchored for a released job. */
    public static Hash32 digest(Hash32 algorithm, Hash32 inputRoot, Hash32 outputHash) {
        return Hashing.keccak256(algorithm.bytes(), inputRoot.bytes(), outputHash.bytes());
    }

    static OutboxMessage message(Job job, Hash32 inputRoot, Hash32 outputHash) {
        return new OutboxMessage(KIND, job.id().toString(), Map.of("key", key(job.id()).hex(), "digest",
                digest(job.algorithmHash(), inputRoot, outputHash).hex()));
    }

    /** The anchor of a job's record, once on chain. */
    public Optional<AnchorTx> onChain(UUID job) {
        return ledger.findAnchor(key(job));
    }

    /** Anchors the due records; a chain fault leaves a record for a later pass. */
    public void runOnce() {
        for (OutboxEntry e : outbox.due(KIND, 20, clock.instant())) {
            try {
                AnchorTx tx = ledger.anchor(Hash32.fromHex(e.message().payload().get("key")),
                        Hash32.fromHex(e.message().payload().get("digest")), 1);
                outbox.complete(e.id(), Map.of("txHash", tx.txHash()), clock.instant());
            } catch (RuntimeException ex) {
                outbox.retryLater(e.id(), ex.toString(),
                        clock.instant().plus(Backoff.delay(e.attempts(), minBackoff, maxBackoff)));
            }
        }
    }
}
