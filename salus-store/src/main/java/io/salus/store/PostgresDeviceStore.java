package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.device.BatchSequencer;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.Ed25519PublicKey;
import io.salus.core.device.IntakeCounters;
import io.salus.core.device.IntakePolicy;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.DeviceStore;
import io.salus.core.port.KeyManager;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.RecordId;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Devices, their streams and accepted batches in PostgreSQL (migration V40). An accepted batch's deposit is written
 * by {@link PostgresRecordStore#insertDeposit}, the one way deposits are written, inside the same transaction as the
 * stream's new state. Thread-safe.
 */
public final class PostgresDeviceStore implements DeviceStore {
    private static final String DEVICE = """
            SELECT id, patient, registered_by, public_key, kind, loinc_codes, registered_at, retired_at FROM device
            """;
    private static final String BATCH = """
            SELECT device, sequence, digest, record_id, readings, from_at, to_at, accepted_at, monitored FROM device_batch
            """;
    private final Transactions tx;
    private final Clock clock;
    private final KeyManager keys;

    public PostgresDeviceStore(Jdbi jdbi, Clock clock, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
        this.keys = keys;
    }

    @Override
    public boolean register(DeviceRegistration reg, NewDeposit deviceRecord, OutboxMessage anchor,
            OutboxMessage onChain) {
        return tx.inTransaction("register device " + reg.id(), h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO device (id, patient, registered_by, public_key, kind, loinc_codes, registered_at)
                    VALUES (:id, :patient, :by, :key, :kind, :codes, :at) ON CONFLICT (public_key) DO NOTHING""")
                    .bind("id", reg.id().value())
                    .bind("patient", reg.patient().value())
                    .bind("by", reg.registeredBy().value())
                    .bind("key", reg.publicKey().bytes())
                    .bind("kind", reg.kind().name())
                    .bind("codes", Sql.textArray(reg.measures().stream().map(VitalSign::loinc).sorted().toList()))
                    .bind("at", Sql.ts(reg.registeredAt()))
                    .execute();
            if (inserted == 0) {
                return false;
            }
            h.createUpdate("""
                    INSERT INTO device_stream (device, version, next_sequence, highest, lost, accepted, duplicates,
                        forged, replayed, stale, malformed) VALUES (:id, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)""")
                    .bind("id", reg.id().value()).execute();
            Instant now = clock.instant();
            PostgresRecordStore.insertDeposit(h, keys, deviceRecord, anchor, now);
            OutboxRows.enqueue(h, onChain, now);
            return true;
        });
    }

    @Override
    public Optional<DeviceRegistration> find(DeviceId id) {
        return tx.inTransaction("find device", h -> h.createQuery(DEVICE + " WHERE id = :id")
                .bind("id", id.value()).map((rs, ctx) -> registration(rs)).findOne());
    }

    @Override
    public List<DeviceRegistration> ofPatient(AccountId patient) {
        return tx.inTransaction("list devices", h -> h.createQuery(DEVICE
                + " WHERE patient = :p ORDER BY registered_at, id").bind("p", patient.value())
                .map((rs, ctx) -> registration(rs)).list());
    }

    @Override
    public boolean retire(DeviceId id, Instant at, OutboxMessage onChain) {
        return tx.inTransaction("retire device " + id, h -> {
            int n = h.createUpdate("UPDATE device SET retired_at = :at WHERE id = :id AND retired_at IS NULL")
                    .bind("id", id.value()).bind("at", Sql.ts(at)).execute();
            if (n > 0) {
                OutboxRows.enqueue(h, onChain, clock.instant());
            }
            return n > 0;
        });
    }

    @Override
    public StoredStream stream(DeviceId id, IntakePolicy policy) {
        return tx.inTransaction("read device stream", h -> {
            Optional<Head> head = h.createQuery("SELECT * FROM device_stream WHERE device = :id")
                    .bind("id", id.value()).map((rs, ctx) -> head(rs)).findOne();
            if (head.isEmpty()) {
                return new StoredStream(DeviceStream.start(id, policy), 0);
            }
            Head s = head.get();
            long floor = Math.max(1, s.highest - policy.window() + 1);
            Map<Long, Hash32> digests = new TreeMap<>();
            h.createQuery("SELECT sequence, digest FROM device_batch WHERE device = :id AND sequence >= :floor")
                    .bind("id", id.value()).bind("floor", floor)
                    .map((rs, ctx) -> digests.put(rs.getLong("sequence"), Sql.hash(rs, "digest"))).list();
            BatchSequencer seq = BatchSequencer.restore(policy.window(), s.next, s.highest, s.lost, digests);
            return new StoredStream(new DeviceStream(id, seq, s.counters, Optional.ofNullable(s.newest)), s.version);
        });
    }

    @Override
    public Write accept(StoredStream before, DeviceStream after, AcceptedBatch batch, NewDeposit deposit,
            OutboxMessage anchor) {
        return tx.inTransaction("store batch " + batch.sequence() + " of device " + batch.device(), h -> {
            int n = h.createUpdate(UPDATE_STREAM + """
                    AND EXISTS (SELECT 1 FROM device d WHERE d.id = :id
                                 AND (d.retired_at IS NULL OR d.retired_at > :at))""")
                    .bindMap(streamValues(before, after)).bind("at", Sql.ts(batch.acceptedAt())).execute();
            if (n == 0) {
                boolean retired = h.createQuery("SELECT retired_at IS NOT NULL FROM device WHERE id = :id")
                        .bind("id", batch.device().value()).mapTo(Boolean.class).findOne().orElse(true);
                return retired ? Write.RETIRED : Write.STALE_VERSION;
            }
            PostgresRecordStore.insertDeposit(h, keys, deposit, anchor, clock.instant());
            h.createUpdate("""
                    INSERT INTO device_batch (device, sequence, digest, record_id, readings, from_at, to_at,
                        accepted_at, monitored) VALUES (:device, :seq, :digest, :record, :n, :from, :to, :at, false)""")
                    .bind("device", batch.device().value()).bind("seq", batch.sequence())
                    .bind("digest", batch.digest().bytes()).bind("record", batch.record().value())
                    .bind("n", batch.readings()).bind("from", Sql.ts(batch.from())).bind("to", Sql.ts(batch.to()))
                    .bind("at", Sql.ts(batch.acceptedAt())).execute();
            return Write.STORED;
        });
    }

    @Override
    public boolean count(StoredStream before, DeviceStream after) {
        return tx.inTransaction("count a batch of device " + after.device(), h -> h.createUpdate(UPDATE_STREAM)
                .bindMap(streamValues(before, after)).execute() > 0);
    }

    private static final String UPDATE_STREAM = """
            UPDATE device_stream SET version = :version + 1, next_sequence = :next, highest = :highest, lost = :lost,
                   accepted = :accepted, duplicates = :duplicates, forged = :forged, replayed = :replayed,
                   stale = :stale, malformed = :malformed, newest_reading = :newest
             WHERE device = :id AND version = :version
            """;

    private static Map<String, Object> streamValues(StoredStream before, DeviceStream after) {
        IntakeCounters c = after.counters();
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("id", after.device().value());
        m.put("version", before.version());
        m.put("next", after.sequencer().next());
        m.put("highest", after.sequencer().highest());
        m.put("lost", after.sequencer().lost());
        m.put("accepted", c.accepted());
        m.put("duplicates", c.duplicates());
        m.put("forged", c.forged());
        m.put("replayed", c.replayed());
        m.put("stale", c.stale());
        m.put("malformed", c.malformed());
        m.put("newest", after.newestReading().map(t -> java.time.OffsetDateTime.ofInstant(Sql.micros(t),
                java.time.ZoneOffset.UTC)).orElse(null));
        return m;
    }

    @Override
    public Optional<AcceptedBatch> batch(DeviceId device, long sequence) {
        return tx.inTransaction("find device batch", h -> h.createQuery(BATCH
                + " WHERE device = :d AND sequence = :s").bind("d", device.value()).bind("s", sequence)
                .map((rs, ctx) -> batch(rs)).findOne());
    }

    @Override
    public void markMonitored(DeviceId device, long sequence) {
        tx.inTransaction("mark batch monitored", h -> h.createUpdate(
                "UPDATE device_batch SET monitored = true WHERE device = :d AND sequence = :s")
                .bind("d", device.value()).bind("s", sequence).execute());
    }

    @Override
    public List<AcceptedBatch> batchesOf(AccountId patient, Instant from, Instant to, int limit) {
        return tx.inTransaction("list device batches", h -> h.createQuery("""
                SELECT b.device, b.sequence, b.digest, b.record_id, b.readings, b.from_at, b.to_at, b.accepted_at,
                       b.monitored
                  FROM device_batch b JOIN device d ON d.id = b.device
                 WHERE d.patient = :p AND b.to_at >= :from AND b.from_at < :to
                 ORDER BY b.to_at DESC LIMIT :limit""")
                .bind("p", patient.value()).bind("from", Sql.ts(from)).bind("to", Sql.ts(to)).bind("limit", limit)
                .map((rs, ctx) -> batch(rs)).list());
    }

    @Override
    public List<StreamPeriod> streams(Instant from, Instant to) {
        return tx.inTransaction("summarise device streams", h -> h.createQuery("""
                SELECT d.patient, count(*) AS batches, sum(b.readings) AS readings,
                       sum(b.span) - count(*) AS missing, count(DISTINCT date_trunc('day', b.to_at)) AS days
                  FROM (SELECT device, readings, to_at,
                               sequence - coalesce(lag(sequence) OVER (PARTITION BY device ORDER BY sequence),
                                                   sequence - 1) AS span
                          FROM device_batch WHERE to_at >= :from AND to_at < :to) b
                  JOIN device d ON d.id = b.device
                 GROUP BY d.patient ORDER BY d.patient""")
                .bind("from", Sql.ts(from)).bind("to", Sql.ts(to))
                .map((rs, ctx) -> new StreamPeriod(new AccountId(Sql.uuid(rs, "patient")), rs.getLong("batches"),
                        rs.getLong("readings"), rs.getLong("missing"), rs.getInt("days")))
                .list());
    }

    private static DeviceRegistration registration(ResultSet rs) throws SQLException {
        var codes = Arrays.stream(Sql.textArray(rs, "loinc_codes")).map(c -> VitalSign.byLoinc(c).orElseThrow())
                .collect(Collectors.toSet());
        return new DeviceRegistration(new DeviceId(Sql.uuid(rs, "id")), new AccountId(Sql.uuid(rs, "patient")),
                new AccountId(Sql.uuid(rs, "registered_by")), Ed25519PublicKey.of(rs.getBytes("public_key")),
                DeviceKind.valueOf(rs.getString("kind")), codes, Sql.instant(rs, "registered_at"),
                Optional.ofNullable(Sql.instant(rs, "retired_at")));
    }

    private static AcceptedBatch batch(ResultSet rs) throws SQLException {
        return new AcceptedBatch(new DeviceId(Sql.uuid(rs, "device")), rs.getLong("sequence"), Sql.hash(rs,
                "digest"), new RecordId(Sql.uuid(rs, "record_id")), rs.getInt("readings"),
                Sql.instant(rs,
                        "from_at"),
                Sql.instant(rs, "to_at"), Sql.instant(rs, "accepted_at"), rs.getBoolean(
                        "monitored"));
    }

    private record Head(long version, long next, long highest, long lost, IntakeCounters counters, Instant newest) {
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getLong("version"), rs.getLong("next_sequence"), rs.getLong("highest"), rs.getLong(
                "lost"),
                new IntakeCounters(rs.getLong("accepted"), rs.getLong("duplicates"), rs.getLong("forged"),
                        rs.getLong("replayed"), rs.getLong("stale"), rs.getLong("malformed")),
                Sql.instant(rs,
                        "newest_reading"));
    }
}
