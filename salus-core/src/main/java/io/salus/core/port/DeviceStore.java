package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakePolicy;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.RecordId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registered devices and their intake state in PostgreSQL: the sequencer window and counters of each device's stream
 * survive a restart, so a replay is refused after it as before. An accepted batch is stored with its sealed record
 * (through the same deposit rows as every record, so the anchor worker batches it like any other) and the stream's new
 * state in one transaction, guarded by the stream's version: of two nodes or threads offering batches of one device,
 * the later write fails and is retried on the fresh state. Thread-safe.
 */
public interface DeviceStore {

    /** A device's stream as stored and its version (0 before the device's first batch). */
    record StoredStream(DeviceStream stream, long version) {
    }

    /** An accepted batch: where its record is, how many readings it carried, its range, and whether it was monitored. */
    record AcceptedBatch(DeviceId device, long sequence, Hash32 digest, RecordId record, int readings, Instant from,
            Instant to, Instant acceptedAt, boolean monitored) {
    }

    /** What happened to an accepting write. */
    enum Write {
        STORED,
        /** The stream moved on since it was read (another thread or node): read it again and retry. */
        STALE_VERSION,
        /** The device was retired (perhaps by another node) before the write: nothing was stored. */
        RETIRED
    }

    /** One patient's device streams over a period, for the credit rule. */
    record StreamPeriod(AccountId patient, long batches, long readings, long missingBatches, int daysWithData) {
    }

    /**
     * Stores a registration together with its sealed FHIR Device record (a deposit with its anchoring message) and
     * the message that registers the device on chain, in one transaction; false (nothing stored) when its public key
     * is already registered to another device.
     */
    boolean register(DeviceRegistration registration, NewDeposit deviceRecord, OutboxMessage anchor,
            OutboxMessage onChain);

    Optional<DeviceRegistration> find(DeviceId id);

    List<DeviceRegistration> ofPatient(AccountId patient);

    /** Retires the device from {@code at} with the message that retires it on chain; false if it is unknown. */
    boolean retire(DeviceId id, Instant at, OutboxMessage onChain);

    /** The device's stream, restored with the policy's window. */
    StoredStream stream(DeviceId id, IntakePolicy policy);

    /**
     * Stores an accepted batch: its deposit (records, anchoring message), its batch row and the stream's new state, in
     * one transaction, if the stream is still at {@code before}'s version and the device is not retired at
     * {@code batch.acceptedAt()}.
     */
    Write accept(StoredStream before, DeviceStream after, AcceptedBatch batch, NewDeposit deposit,
            OutboxMessage anchor);

    /** Stores the counters of a refused or duplicate batch if the stream is still at {@code before}'s version. */
    boolean count(StoredStream before, DeviceStream after);

    Optional<AcceptedBatch> batch(DeviceId device, long sequence);

    /** Records that monitoring has seen the batch's readings. */
    void markMonitored(DeviceId device, long sequence);

    /** The accepted batches of a patient's devices whose readings fall in {@code [from, to)}, newest first. */
    List<AcceptedBatch> batchesOf(AccountId patient, Instant from, Instant to, int limit);

    /** Per patient with device data in {@code [from, to)}: batches, readings, gaps and days with data. */
    List<StreamPeriod> streams(Instant from, Instant to);
}
