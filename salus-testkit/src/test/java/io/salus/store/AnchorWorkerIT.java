package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.deposit;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.record.NewDeposit;
import io.salus.core.usecase.AnchorWorker;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.StoreFixtures;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The anchor worker on PostgreSQL and the local chain: a pass cuts and anchors a bounded number of batches. */
@WithPostgres
@WithChain
class AnchorWorkerIT {
    private final Database db;
    private final PostgresAccountStore accounts;
    private final PostgresRecordStore records;
    private final AnchorWorker worker;

    AnchorWorkerIT(Database db, TestChain chain) {
        this.db = db;
        Clock clock = Clock.systemUTC();
        this.accounts = new PostgresAccountStore(db.jdbi(), clock);
        this.records = new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys());
        this.worker = new AnchorWorker(records, new PostgresOutbox(db.jdbi()), chain.ledger(), clock,
                new AnchorWorker.Settings(2, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(30)));
    }

    @Test
    void morePendingBatchesThanOnePassTakes_arePartlyAnchoredInThatPass_andAllByTheNext() {
        while (worker.runOnce() > 0) {
            // anchor what other tests of this database left
        }
        AccountId doctor = create(AccountKind.PHYSICIAN);
        AccountId patient = create(AccountKind.PATIENT);
        List<NewDeposit> deposits = new ArrayList<>();
        int batches = AnchorWorker.PER_PASS + 7;
        for (int i = 0; i < batches; i++) {
            NewDeposit d = deposit(doctor, patient, 2, Optional.empty(), T0);
            records.saveDeposit(d, anchorRequest(d));
            deposits.add(d);
        }
        long before = anchoredBatches();

        int first = worker.runOnce();

        assertThat(first).as("a pass anchors while more batches are due").isEqualTo(AnchorWorker.PER_PASS);
        assertThat(anchoredBatches() - before).isEqualTo(AnchorWorker.PER_PASS);
        assertThat(unbatchedRecords()).as("the rest is left for the next pass").isEqualTo(2L * 7);

        int second = worker.runOnce();

        assertThat(second).isEqualTo(7);
        assertThat(unbatchedRecords()).isZero();
        assertThat(deposits).allSatisfy(d -> assertThat(d.records()).allSatisfy(r -> assertThat(
                records.find(r.id()).orElseThrow().anchoring().orElseThrow().txHash()).isPresent()));
    }

    private AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    private long anchoredBatches() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM anchor_batch WHERE tx_hash IS NOT NULL")
                .mapTo(Long.class).one());
    }

    private long unbatchedRecords() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sealed_record WHERE batch_id IS NULL")
                .mapTo(Long.class).one());
    }
}
