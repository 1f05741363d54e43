package io.salus.testkit.contract;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.deposit;
import static io.salus.testkit.data.StoreFixtures.micros;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;
import io.salus.core.port.RecordStore;
import io.salus.core.port.RecordStore.Stats;
import io.salus.core.record.Anchoring;
import io.salus.core.record.Category;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.ForeignPatientIdentifiers;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.nio.ByteBuffer;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecordStore}: deposits stored whole with their outbox message in one transaction, idempotent
 * by (author, key) also under concurrent retries, refused when sealed to a retired patient key; reads by id, patient
 * and deposit; batches cut oldest first by size or age with proofs that verify, each record in exactly one batch even
 * with concurrent cutters; anchors recorded idempotently; counts. An adapter is accepted when a subclass supplying it
 * (with the {@link AccountStore} and {@link Outbox} it shares transactions with) passes. The store may hold data of
 * other tests; each test makes its own accounts.
 */
public abstract class RecordStoreContract {
    static final Duration HOUR = Duration.ofHours(1);
    protected AccountStore accounts;
    protected RecordStore records;
    protected Outbox outbox;
    protected AccountId patient;
    protected AccountId doctor;

    /** The record store under test, with the account store and outbox of its database, all reading {@code clock}. */
    protected abstract Stores stores(Clock clock);

    /** Adapters sharing one database. */
    public record Stores(AccountStore accounts, RecordStore records, Outbox outbox) {
    }

    @BeforeEach
    void adapters() {
        Stores s = stores(Clock.fixed(T0, ZoneOffset.UTC));
        accounts = s.accounts();
        records = s.records();
        outbox = s.outbox();
    }

    protected AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    @Nested
    class Deposits {
        @BeforeEach
        void accounts() {
            patient = create(AccountKind.PATIENT);
            doctor = create(AccountKind.PHYSICIAN);
        }

        @Test
        void savedRecord_roundTripsEveryField_withInstantsTruncatedToMicroseconds() {
            Instant at = T0.plusNanos(789);
            NewDeposit d = deposit(doctor, patient, 3, Optional.empty(), at);

            records.saveDeposit(d, anchorRequest(d));

            for (NewRecord r : d.records()) {
                StoredRecord expected = new StoredRecord(r.id(), patient, r.category(), r.resourceType(), r.fhirId(),
                        new Provenance(doctor, d.provenance().depositId(), "fhir-bundle", micros(at)),
                        r.sealed(), r.sealedSalt(), r.leaf(), Optional.empty());
                assertThat(records.find(r.id())).get().usingRecursiveComparison().isEqualTo(expected);
            }
        }

        @Test
        void findAll_returnsTheAskedRecordsInTheAskedOrder_andLeavesOutUnknownIds() {
            NewDeposit d = deposit(doctor, patient, 3, Optional.empty(), T0);
            records.saveDeposit(d, anchorRequest(d));
            List<RecordId> asked = List.of(d.records().get(2).id(), RecordId.random(), d.records().get(0).id());

            List<StoredRecord> found = records.findAll(asked);

            assertThat(found).extracting(StoredRecord::id).containsExactly(d.records().get(2).id(),
                    d.records().get(0).id());
            assertThat(found.get(0)).usingRecursiveComparison().isEqualTo(records.find(found.get(0).id())
                    .orElseThrow());
            assertThat(records.findAll(List.of())).isEmpty();
        }

        @Test
        void depositSealedToAKeyThatIsNoLongerThePatients_isRefusedAndNothingIsStored() {
            byte[] current = accounts.find(patient).orElseThrow().encryptionPublicKey();
            NewDeposit plain = deposit(doctor, patient, 2, Optional.empty(), T0);
            NewDeposit fresh = sealedTo(plain, Hashing.sha256(current));
            NewDeposit stale = sealedTo(deposit(doctor, patient, 2, Optional.empty(), T0),
                    Hashing.sha256(new byte[32]));

            records.saveDeposit(fresh, anchorRequest(fresh));
            assertThatThrownBy(() -> records.saveDeposit(stale, anchorRequest(stale)))
                    .isInstanceOf(PatientKeyChanged.class);

            assertThat(records.listByPatient(patient)).extracting(RecordSummary::id)
                    .containsExactlyElementsOf(fresh.records().stream().map(NewRecord::id).toList());
            assertThat(records.recordsOfDeposit(stale.provenance().depositId())).isEmpty();
        }

        private static NewDeposit sealedTo(NewDeposit d, Hash32 keyHash) {
            return new NewDeposit(d.provenance(), d.patient(), d.idempotencyKey(), d.requestHash(), d.records(),
                    d.patientIdentifiers(), d.features(), d.facts(), Optional.of(keyHash));
        }

        @Test
        void saveDeposit_returnsItsSummary_recordsInDepositOrder_notAnchored() {
            NewDeposit d = deposit(doctor, patient, 4, Optional.of("k-1"), T0);

            DepositSummary s = records.saveDeposit(d, anchorRequest(d));

            assertThat(s.depositId()).isEqualTo(d.provenance().depositId());
            assertThat(s.patient()).isEqualTo(patient);
            assertThat(s.author()).isEqualTo(doctor);
            assertThat(s.depositedAt()).isEqualTo(T0);
            assertThat(s.requestHash()).isEqualTo(d.requestHash());
            assertThat(s.records()).extracting(RecordSummary::id).containsExactlyElementsOf(
                    d.records().stream().map(NewRecord::id).toList());
            assertThat(s.records()).allSatisfy(r -> assertThat(r.anchored()).isFalse());
            assertThat(records.findDeposit(doctor, "k-1")).contains(s);
            assertThat(records.recordsOfDeposit(s.depositId())).containsExactlyElementsOf(
                    d.records().stream().map(NewRecord::id).toList());
        }

        @Test
        void saveDeposit_enqueuesTheAnchorRequest_andRemembersPatientIdentifiers() {
            NewDeposit first = deposit(doctor, patient, 1, Optional.empty(), T0);
            NewDeposit second = deposit(doctor, patient, 1, Optional.empty(), T0);
            assertThat(records.matchIdentifiers(patient, first.patientIdentifiers()))
                    .isEqualTo(RecordStore.IdentifierMatch.NONE_KNOWN);

            records.saveDeposit(first, anchorRequest(first));
            records.saveDeposit(second, anchorRequest(second));

            assertThat(records.matchIdentifiers(patient, Set.of("urn:other|1", "urn:mrn|" + patient)))
                    .isEqualTo(RecordStore.IdentifierMatch.SHARED);
            assertThat(records.matchIdentifiers(patient, Set.of("urn:mrn|someone else")))
                    .isEqualTo(RecordStore.IdentifierMatch.NONE_SHARED);
            assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message())
                    .contains(anchorRequest(first), anchorRequest(second));
        }

        @Test
        void aDepositCarryingNoneOfTheIdentifiersThePatientsEarlierDepositsCarried_isRefused_andNothingIsStored() {
            NewDeposit first = deposit(doctor, patient, 1, Optional.empty(), T0);
            records.saveDeposit(first, anchorRequest(first));
            NewDeposit d = deposit(doctor, patient, 2, Optional.of("elsewhere"), T0);
            NewDeposit foreign = new NewDeposit(d.provenance(), patient, d.idempotencyKey(), d.requestHash(),
                    d.records(), Set.of("urn:mrn|someone else"));
            NewDeposit sharing = deposit(doctor, patient, 3, Optional.empty(), T0);

            assertThatThrownBy(() -> records.saveDeposit(foreign, anchorRequest(foreign)))
                    .isInstanceOf(ForeignPatientIdentifiers.class);
            records.saveDeposit(sharing, anchorRequest(sharing));

            assertThat(records.recordsOfDeposit(foreign.provenance().depositId())).isEmpty();
            assertThat(records.findDeposit(doctor, "elsewhere")).isEmpty();
            assertThat(records.matchIdentifiers(patient, foreign.patientIdentifiers()))
                    .isEqualTo(RecordStore.IdentifierMatch.NONE_SHARED);
            assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message())
                    .contains(anchorRequest(sharing)).doesNotContain(anchorRequest(foreign));
            assertThat(records.listByPatient(patient)).hasSize(4);
        }

        @Test
        void aDepositOneOfWhoseRecordsCannotBeWritten_storesNothing_notItsDepositNorItsOutboxMessage() {
            NewDeposit first = deposit(doctor, patient, 2, Optional.empty(), T0);
            records.saveDeposit(first, anchorRequest(first));
            NewDeposit d = deposit(doctor, patient, 3, Optional.of("half"), T0);
            List<NewRecord> clash = new ArrayList<>(d.records());
            clash.add(first.records().get(1));
            NewDeposit broken = new NewDeposit(d.provenance(), patient, d.idempotencyKey(), d.requestHash(), clash,
                    d.patientIdentifiers());

            assertThatThrownBy(() -> records.saveDeposit(broken, anchorRequest(broken)))
                    .isInstanceOf(SalusException.class);

            assertThat(records.findDeposit(doctor, "half")).isEmpty();
            assertThat(records.listByPatient(patient)).extracting(RecordSummary::id)
                    .containsExactlyElementsOf(first.records().stream().map(NewRecord::id).toList());
            assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message())
                    .doesNotContain(anchorRequest(broken));
        }

        @Test
        void theSameIdentifier_ofTwoPatients_isKnownForEach() {
            AccountId twin = create(AccountKind.PATIENT);
            Set<String> shared = Set.of("urn:family-card|42");
            for (AccountId p : List.of(patient, twin)) {
                NewDeposit d = deposit(doctor, p, 1, Optional.empty(), T0);
                NewDeposit withShared = new NewDeposit(d.provenance(), p, Optional.empty(), d.requestHash(),
                        d.records(), shared);
                records.saveDeposit(withShared, anchorRequest(withShared));
            }
            assertThat(records.matchIdentifiers(patient, shared)).isEqualTo(RecordStore.IdentifierMatch.SHARED);
            assertThat(records.matchIdentifiers(twin, shared)).isEqualTo(RecordStore.IdentifierMatch.SHARED);
        }

        @Test
        void listByPatient_listsOnlyThatPatientsRecords_inDepositOrder() {
            AccountId other = create(AccountKind.PATIENT);
            NewDeposit a = deposit(doctor, patient, 2, Optional.empty(), T0);
            NewDeposit b = deposit(doctor, other, 2, Optional.empty(), T0);
            NewDeposit c = deposit(doctor, patient, 3, Optional.empty(), T0.plusSeconds(5));
            for (NewDeposit d : List.of(a, b, c)) {
                records.saveDeposit(d, anchorRequest(d));
            }

            List<RecordSummary> listed = records.listByPatient(patient);

            List<NewRecord> expected = new ArrayList<>(a.records());
            expected.addAll(c.records());
            assertThat(listed).extracting(RecordSummary::id)
                    .containsExactlyElementsOf(expected.stream().map(NewRecord::id).toList());
            assertThat(listed.get(0).leaf()).isEqualTo(a.records().get(0).leaf());
            assertThat(listed.get(0).category()).isEqualTo(a.records().get(0).category());
            assertThat(listed.get(0).depositId()).isEqualTo(a.provenance().depositId());
        }

        @Test
        void listByPatients_andAuthorsOfAll_answerForEachPatientWhatThePerPatientReadsAnswer() {
            AccountId other = create(AccountKind.PATIENT);
            AccountId nurse = create(AccountKind.PHYSICIAN);
            AccountId empty = create(AccountKind.PATIENT);
            List<NewDeposit> deposits = List.of(deposit(doctor, patient, 2, Optional.empty(), T0),
                    deposit(nurse, other, 4, Optional.empty(), T0), deposit(doctor, other, 3, Optional.empty(), T0),
                    deposit(nurse, patient, 5, Optional.empty(), T0.plusSeconds(5)));
            for (NewDeposit d : deposits) {
                records.saveDeposit(d, anchorRequest(d));
            }
            List<AccountId> asked = List.of(patient, other, empty);
            long someCategories = Category.CONDITIONS.mask() | Category.LAB_RESULTS.mask() | Category.PROCEDURES.mask();

            Map<AccountId, List<RecordSummary>> lists = records.listByPatients(asked);
            Map<AccountId, Map<AccountId, Integer>> authors = records.authorsOfAll(asked, someCategories);

            assertThat(lists).containsOnlyKeys(asked);
            assertThat(authors).containsOnlyKeys(asked);
            for (AccountId p : asked) {
                assertThat(lists.get(p)).isEqualTo(records.listByPatient(p));
                assertThat(authors.get(p)).isEqualTo(records.authorsOf(p, someCategories));
            }
            assertThat(lists.get(empty)).isEmpty();
            assertThat(authors.get(other)).containsOnlyKeys(doctor, nurse);
            assertThat(records.listByPatients(List.of())).isEmpty();
        }

        @Test
        void sameIdempotencyKeyTwice_keepsOneDeposit_andAnswersWithTheFirstSummary() {
            NewDeposit first = deposit(doctor, patient, 2, Optional.of("retry-me"), T0);
            NewDeposit retry = deposit(doctor, patient, 5, Optional.of("retry-me"), T0.plusSeconds(1));

            DepositSummary s1 = records.saveDeposit(first, anchorRequest(first));
            DepositSummary s2 = records.saveDeposit(retry, anchorRequest(retry));

            assertThat(s2).isEqualTo(s1);
            assertThat(s2.requestHash()).isEqualTo(first.requestHash()).isNotEqualTo(retry.requestHash());
            assertThat(records.recordsOfDeposit(retry.provenance().depositId())).isEmpty();
            assertThat(records.listByPatient(patient)).hasSize(2);
            assertThat(outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 10_000, T0)).extracting(e -> e.message().idempotencyKey())
                    .doesNotContain(retry.provenance().depositId().toString());
        }

        @Test
        void sameKeyFromAnotherAuthor_isAnotherDeposit() {
            AccountId nurse = create(AccountKind.HOSPITAL);
            NewDeposit a = deposit(doctor, patient, 1, Optional.of("shared"), T0);
            NewDeposit b = deposit(nurse, patient, 1, Optional.of("shared"), T0);

            assertThat(records.saveDeposit(a, anchorRequest(a)).depositId()).isEqualTo(a.provenance().depositId());
            assertThat(records.saveDeposit(b, anchorRequest(b)).depositId()).isEqualTo(b.provenance().depositId());
        }

        @Test
        void concurrentRetriesWithTheSameKey_storeExactlyOneDeposit() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<DepositSummary>> attempts = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    NewDeposit d = deposit(doctor, patient, 3, Optional.of("storm"), T0);
                    attempts.add(() -> records.saveDeposit(d, anchorRequest(d)));
                }
                Set<DepositSummary> answers = new HashSet<>();
                for (Future<DepositSummary> f : pool.invokeAll(attempts)) {
                    answers.add(f.get());
                }

                assertThat(answers).hasSize(1);
                UUID winner = answers.iterator().next().depositId();
                assertThat(records.listByPatient(patient)).hasSize(3)
                        .allSatisfy(r -> assertThat(r.depositId()).isEqualTo(winner));
                assertThat(records.findDeposit(doctor, "storm")).map(DepositSummary::depositId).contains(winner);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void unknownRecordAndDeposit_areAbsent() {
            assertThat(records.find(RecordId.random())).isEmpty();
            assertThat(records.findDeposit(doctor, "never")).isEmpty();
            assertThat(records.recordsOfDeposit(UUID.randomUUID())).isEmpty();
        }
    }

    @Nested
    class Batches {
        @BeforeEach
        void freshAccountsAndNoUnbatchedRecords() {
            while (records.cutBatch(10_000, Duration.ZERO, T0.plus(Duration.ofDays(365))).isPresent()) {
                // drain what earlier tests left unbatched
            }
            patient = create(AccountKind.PATIENT);
            doctor = create(AccountKind.PHYSICIAN);
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
            return ByteBuffer.allocate(16).putLong(batch.id().getMostSignificantBits())
                    .putLong(batch.id().getLeastSignificantBits()).array();
        }

        private OutboxEntry anchorMessage(AnchorBatch batch) {
            return outbox.due(OutboxKinds.ANCHOR_BATCH, 10_000, T0.plus(HOUR)).stream()
                    .filter(e -> e.message().idempotencyKey().equals(batch.batchKey().hex()))
                    .findFirst()
                    .orElseThrow();
        }

        private List<String> pendingDepositKeys() {
            return outbox.due(OutboxKinds.ANCHOR_DEPOSIT, 100_000, T0.plus(Duration.ofDays(400))).stream()
                    .map(e -> e.message().idempotencyKey())
                    .toList();
        }
    }
}
