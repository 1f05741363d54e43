package io.salus.store;

import static io.salus.store.StoreFixtures.T0;
import static io.salus.store.StoreFixtures.anchorRequest;
import static io.salus.store.StoreFixtures.deposit;
import static io.salus.store.StoreFixtures.newAccount;
import static io.salus.store.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.RecordStore.Stats;
import io.salus.core.record.Anchoring;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCuttingIT {
    static final Duration HOUR = Duration.ofHours(1);
    @TempDir
    static Path dir;
    static EmbeddedPostgresEngine engine;
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresRecordStore records;
    static PostgresOutbox outbox;
    AccountId patient;
    AccountId doctor;

    @BeforeAll
    static void start() {
        engine = EmbeddedPostgresEngine.start(dir);
        db = Database.embedded(engine);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        accounts = new PostgresAccountStore(db.jdbi(), clock);
        records = new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys());
        outbox = new PostgresOutbox(db.jdbi());
    }

    @AfterAll
    static void stop() {
        db.close();
        engine.close();
    }

    @BeforeEach
    void freshAccountsAndNoUnbatchedRecords() {
        while (records.cutBatch(10_000, Duration.ZERO, T0.plus(Duration.ofDays(365))).isPresent()) {
            // drain what earlier tests left unbatched
        }
        patient = create(AccountKind.PATIENT);
        doctor = create(AccountKind.PHYSICIAN);
    }

    static AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    NewDeposit save(int n, Instant at) {
        NewDeposit d = deposit(doctor, patient, n, Optional.empty(), at);
        records.saveDeposit(d, anchorRequest(d));
        return d;
    }

    @Test
    void nothingUnbatched_cutsNothing() {
        assertThat(records.cutBatch(5, Duration.ZERO, T0)).isEmpty();
    }

    @Test
    void fewerThanMaxSize_andYoungerThanMaxDelay_cutsNothing() {
        NewDeposit d = save(3, T0);

        assertThat(records.cutBatch(5, HOUR, T0.plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(records.find(d.records().get(0).id()).orElseThrow().anchoring()).isEmpty();
        assertThat(pendingDepositKeys()).contains(d.provenance().depositId().toString());
    }

    @Test
    void maxSizeReached_cutsABatchOfTheOldestRecords_withProofsThatVerify() {
        NewDeposit first = save(3, T0);
        NewDeposit second = save(4, T0.plusSeconds(1));

        AnchorBatch batch = records.cutBatch(5, HOUR, T0.plusSeconds(2)).orElseThrow();

        List<NewRecord> expected = new ArrayList<>(first.records());
        expected.addAll(second.records().subList(0, 2));
        assertThat(batch.size()).isEqualTo(5);
        assertThat(batch.batchKey()).isEqualTo(Hashing.keccak256(uuidBytes(batch)));
        assertThat(batch.root()).isEqualTo(MerkleTree.of(expected.stream().map(NewRecord::leaf).toList()).root());
        assertThat(batch.anchored()).isEmpty();
        assertThat(records.findBatch(batch.batchKey())).contains(batch);
        for (int i = 0; i < expected.size(); i++) {
            Anchoring a = records.find(expected.get(i).id()).orElseThrow().anchoring().orElseThrow();
            assertThat(a.batchKey()).isEqualTo(batch.batchKey());
            assertThat(a.root()).isEqualTo(batch.root());
            assertThat(a.leafIndex()).isEqualTo(i);
            assertThat(a.txHash()).isEmpty();
            assertThat(a.blockNumber()).isEmpty();
            assertThat(MerkleTree.verify(batch.root(), expected.get(i).leaf(), a.proof())).isTrue();
        }
        assertThat(records.find(second.records().get(2).id()).orElseThrow().anchoring()).isEmpty();
    }

    @Test
    void cut_enqueuesTheBatchAnchor_andCompletesOnlyWhollyBatchedDeposits() {
        NewDeposit first = save(3, T0);
        NewDeposit second = save(4, T0);

        AnchorBatch batch = records.cutBatch(5, HOUR, T0).orElseThrow();

        OutboxEntry anchor = anchorMessage(batch);
        assertThat(anchor.message().payload()).isEqualTo(Map.of("batchId", batch.id().toString(), "batchKey",
                batch.batchKey().hex(), "root", batch.root().hex(), "size", "5"));
        assertThat(pendingDepositKeys()).doesNotContain(first.provenance().depositId().toString())
                .contains(second.provenance().depositId().toString());

        records.cutBatch(5, Duration.ZERO, T0).orElseThrow();

        assertThat(pendingDepositKeys()).doesNotContain(second.provenance().depositId().toString());
    }

    @Test
    void oldestOlderThanMaxDelay_cutsWhatThereIs() {
        NewDeposit d = save(2, T0);

        AnchorBatch batch = records.cutBatch(100, HOUR, T0.plus(HOUR)).orElseThrow();

        assertThat(batch.size()).isEqualTo(2);
        assertThat(records.recordsOfDeposit(d.provenance().depositId()))
                .allSatisfy(id -> assertThat(records.find(id).orElseThrow().anchoring()).isPresent());
    }

    @Test
    void singleRecordBatch_hasAnEmptyProofAndTheLeafAsRoot() {
        NewDeposit d = save(1, T0);

        AnchorBatch batch = records.cutBatch(1, HOUR, T0).orElseThrow();

        assertThat(batch.root()).isEqualTo(d.records().get(0).leaf());
        assertThat(records.find(d.records().get(0).id()).orElseThrow().anchoring().orElseThrow().proof()).isEmpty();
    }

    @Test
    void markAnchored_recordsTheTransaction_completesTheMessage_andIsIdempotent() {
        NewDeposit d = save(3, T0);
        AnchorBatch batch = records.cutBatch(3, HOUR, T0).orElseThrow();
        OutboxEntry anchor = anchorMessage(batch);
        AnchorTx tx = new AnchorTx(batch.batchKey(), batch.root(), 3, "0x" + "cd".repeat(32), 42, 91_000);
        Stats before = records.stats();

        records.markAnchored(tx, anchor.id(), T0.plusSeconds(9));
        records.markAnchored(tx, anchor.id(), T0.plusSeconds(10));

        assertThat(records.findBatch(batch.batchKey()).orElseThrow().anchored()).contains(tx);
        StoredRecord r = records.find(d.records().get(1).id()).orElseThrow();
        assertThat(r.anchoring().orElseThrow().txHash()).contains(tx.txHash());
        assertThat(r.anchoring().orElseThrow().blockNumber()).contains(42L);
        assertThat(records.listByPatient(patient)).allSatisfy(s -> assertThat(s.anchored()).isTrue());
        assertThat(outbox.due(OutboxKinds.ANCHOR_BATCH, 10_000, T0.plus(HOUR))).extracting(OutboxEntry::id)
                .doesNotContain(anchor.id());
        Stats after = records.stats();
        assertThat(after.anchoredBatches()).isEqualTo(before.anchoredBatches() + 1);
        assertThat(after.anchoredRecords()).isEqualTo(before.anchoredRecords() + 3);
        assertThat(after.anchorGas()).isEqualTo(before.anchorGas() + 91_000);
        assertThat(after.batches()).isEqualTo(before.batches());
    }

    @Test
    void stats_countPatientsRecordsCategoriesAndBatches() {
        Stats before = records.stats();
        NewDeposit d = save(3, T0);
        records.cutBatch(3, HOUR, T0).orElseThrow();

        Stats after = records.stats();

        assertThat(after.patients()).isEqualTo(before.patients() + 1);
        assertThat(after.records()).isEqualTo(before.records() + 3);
        assertThat(after.batches()).isEqualTo(before.batches() + 1);
        String category = d.records().get(0).category().name();
        assertThat(after.recordsByCategory().get(category))
                .isEqualTo(before.recordsByCategory().getOrDefault(category, 0L) + 1);
        assertThat(after.recordsByCategory().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(after.records());
    }

    @Test
    void batches_listsNewestFirst() {
        save(2, T0);
        AnchorBatch older = records.cutBatch(1, HOUR, T0).orElseThrow();
        AnchorBatch newer = records.cutBatch(1, HOUR, T0).orElseThrow();

        assertThat(records.batches(2)).containsExactly(newer, older);
    }

    @Test
    void concurrentCutters_putEveryRecordInExactlyOneBatch() throws Exception {
        List<RecordId> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            save(10, T0).records().forEach(r -> all.add(r.id()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<AnchorBatch> batches = new ArrayList<>();
        try {
            List<Callable<List<AnchorBatch>>> cutters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                cutters.add(() -> {
                    List<AnchorBatch> mine = new ArrayList<>();
                    Optional<AnchorBatch> b;
                    while ((b = records.cutBatch(7, Duration.ZERO, T0)).isPresent()) {
                        mine.add(b.get());
                    }
                    return mine;
                });
            }
            for (Future<List<AnchorBatch>> f : pool.invokeAll(cutters)) {
                batches.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(batches.stream().mapToInt(AnchorBatch::size).sum()).isEqualTo(all.size());
        Set<String> placements = new HashSet<>();
        for (RecordId id : all) {
            StoredRecord r = records.find(id).orElseThrow();
            Anchoring a = r.anchoring().orElseThrow();
            assertThat(placements.add(a.batchKey() + "#" + a.leafIndex())).isTrue();
            assertThat(MerkleTree.verify(a.root(), r.leaf(), a.proof())).isTrue();
        }
        assertThat(pendingDepositKeys()).isEmpty();
    }

    private static byte[] uuidBytes(AnchorBatch batch) {
        return java.nio.ByteBuffer.allocate(16).putLong(batch.id().getMostSignificantBits())
                .putLong(batch.id().getLeastSignificantBits()).array();
    }

    private static OutboxEntry anchorMessage(AnchorBatch batch) {
        return outbox.due(OutboxKinds.ANCHOR_BATCH, 10_000, T0.plus(HOUR)).stream()
                .filter(e -> e.message().idempotencyKey().equals(batch.batchKey().hex()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> pendingDepositKeys() {
        return outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 100_000, T0.plus(Duration.ofDays(400))).stream()
                .map(e -> e.message().idempotencyKey())
                .toList();
    }
}
