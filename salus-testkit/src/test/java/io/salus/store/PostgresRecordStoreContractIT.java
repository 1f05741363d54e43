package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.anchorRequest;
import static io.salus.testkit.data.StoreFixtures.deposit;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.NewDeposit;
import io.salus.testkit.contract.RecordStoreContract;
import io.salus.testkit.data.StoreFixtures;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresRecordStore} (with the account store and outbox of its database) against the port's contract, and
 * what a dump of its tables shows: identifiers and idempotency keys only as blind indexes.
 */
@WithPostgres
class PostgresRecordStoreContractIT extends RecordStoreContract {
    private final Database db;

    PostgresRecordStoreContractIT(Database db) {
        this.db = db;
    }

    @Override
    protected Stores stores(Clock clock) {
        return new Stores(new PostgresAccountStore(db.jdbi(), clock),
                new PostgresRecordStore(db.jdbi(), clock, StoreFixtures.keys()), new PostgresOutbox(db.jdbi()));
    }

    @Test
    void patientIdentifiers_areStoredOnlyAsBlindIndexes_andTheSameIdentifierOfTwoPatientsGivesTwoUnrelatedOnes() {
        AccountId doctor = create(AccountKind.PHYSICIAN);
        AccountId patient = create(AccountKind.PATIENT);
        AccountId twin = create(AccountKind.PATIENT);
        for (AccountId p : List.of(patient, twin)) {
            NewDeposit d = deposit(doctor, p, 1, Optional.empty(), T0);
            NewDeposit withShared = new NewDeposit(d.provenance(), p, Optional.empty(), d.requestHash(), d.records(),
                    Set.of("urn:family-card|family-of-two", "urn:mrn|" + p));
            records.saveDeposit(withShared, anchorRequest(withShared));
        }
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT encode(blind_index, 'escape') FROM patient_identifier_index WHERE patient = :p")
                .bind("p", patient.value()).mapTo(String.class).list());
        assertThat(stored).hasSize(2)
                .allSatisfy(b -> assertThat(b).doesNotContain("urn:", "family", patient.toString()));
        List<byte[]> all = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT blind_index FROM patient_identifier_index WHERE patient IN (:a, :b)")
                .bind("a", patient.value()).bind("b", twin.value()).mapTo(byte[].class).list());
        assertThat(all.stream().map(HexFormat.of()::formatHex)).as("four unrelated indexes").hasSize(4)
                .doesNotHaveDuplicates();
    }

    @Test
    void anIdempotencyKey_isStoredOnlyAsABlindIndex_andStillFindsItsDeposit() {
        AccountId doctor = create(AccountKind.PHYSICIAN);
        AccountId patient = create(AccountKind.PATIENT);
        NewDeposit d = deposit(doctor, patient, 1, Optional.of("mrn-123456-visit-7"), T0);
        records.saveDeposit(d, anchorRequest(d));
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT idempotency_key FROM deposit WHERE id = :id")
                .bind("id", d.provenance().depositId()).mapTo(String.class).one());
        assertThat(stored).doesNotContain("123456").hasSize(66);
        assertThat(records.findDeposit(doctor, "mrn-123456-visit-7")).get().extracting(DepositSummary::depositId)
                .isEqualTo(d.provenance().depositId());
        assertThat(records.findDeposit(doctor, "mrn-123456-visit-8")).isEmpty();
    }
}
