package io.salus.core.usecase.study;

import io.salus.core.anchor.AnchorTx;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.Ledger;
import io.salus.core.study.RoundRecord;
import io.salus.core.usecase.job.JobRecords;
import java.util.Map;
import java.util.Optional;

/**
 * Each finished round of a study on chain: the digest keccak-256(model hash ‖ participants hash ‖ ε spent) anchored
 * in the RecordRegistry under the round's key ({@link RoundRecord#key}) with one leaf. The message is written with the
 * round, in the outbox kind of compute jobs' records ({@link JobRecords#KIND}, same payload), so the jobs' record
 * worker anchors it; the anchor is idempotent by key, so a retry never records twice. Thread-safe.
 */
public final class StudyRecords {
    private final Ledger ledger;

    public StudyRecords(Ledger ledger) {
        this.ledger = ledger;
    }

    static OutboxMessage message(RoundRecord r) {
        return new OutboxMessage(JobRecords.KIND, "study/" + r.study() + "/" + r.round(), Map.of("key",
                r.key().hex(), "digest", r.digest().hex()));
    }

    /** The anchor of a round's record, once on chain. */
    public Optional<AnchorTx> onChain(RoundRecord r) {
        return ledger.findAnchor(r.key());
    }
}
