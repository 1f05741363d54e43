package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.bytes;
import static io.salus.testkit.data.StoreFixtures.hash;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.recovery.Guardian;
import io.salus.core.recovery.GuardianSet;
import io.salus.core.recovery.RecoveryAlert;
import io.salus.core.recovery.RecoveryRequest;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.recovery.SealedShare;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recoveries in PostgreSQL (V6, V35): a recovery ends exactly once, completed or cancelled, never both; every step's
 * alerts are written with it, one per recipient, and read back per recipient, newest first.
 */
@WithPostgres
class PostgresRecoveryStoreIT {
    static PostgresAccountStore accounts;
    static PostgresRecoveryStore store;

    @BeforeAll
    static void start(Database db) {
        accounts = new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        store = new PostgresRecoveryStore(db.jdbi());
    }

    static NewAccount create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a;
    }

    record Opened(AccountId patient, AccountId guardian, RecoveryRequest request) {
    }

    static Opened opened() {
        NewAccount patient = create(AccountKind.PATIENT);
        NewAccount guardian = create(AccountKind.CAREGIVER);
        AccountId p = patient.account().id();
        AccountId g = guardian.account().id();
        store.saveGuardians(new GuardianSet(p, 1, List.of(new Guardian(g, guardian.account().address(), 1, hash())),
                1, "0xset", T0), List.of(new SealedShare(p, g, 1, bytes(80))));
        RecoveryRequest r = new RecoveryRequest(UUID.randomUUID(), p, 1, 1, bytes(32), bytes(60), hash(), "0xopen",
                T0, Optional.of(g), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        store.open(r, RecoveryAlert.toAll(r.id(), p, List.of(g), RecoveryAlert.Kind.RECOVERY_OPENED, T0, "opened"));
        return new Opened(p, g, r);
    }

    static RecoveryStore.Completion completion(Opened o) {
        return new RecoveryStore.Completion(o.request().id(), o.patient(), Map.of(), bytes(32), bytes(60), hash(),
                T0.plusSeconds(20), RecoveryAlert.toAll(o.request().id(), o.patient(), List.of(o.guardian()),
                        RecoveryAlert.Kind.RECOVERY_COMPLETED, T0.plusSeconds(20), "completed"));
    }

    @Test
    void aCancelledRecovery_cannotBeCompleted_andTheCancellationIsAlertedToEveryone() {
        Opened o = opened();
        assertThat(store.cancel(o.request().id(), o.patient(), T0.plusSeconds(10), RecoveryAlert.toAll(
                o.request().id(), o.patient(), List.of(o.guardian()), RecoveryAlert.Kind.RECOVERY_CANCELLED,
                T0.plusSeconds(10), "cancelled"))).isTrue();

        assertThat(store.complete(completion(o))).isFalse();
        RecoveryRequest r = store.find(o.request().id()).orElseThrow();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.completed()).isFalse();
        assertThat(r.cancelledBy()).contains(o.patient());
        assertThat(r.openedBy()).contains(o.guardian());
        for (AccountId who : List.of(o.patient(), o.guardian())) {
            assertThat(store.alertsFor(who, 10)).extracting(RecoveryAlert::kind).containsExactly(
                    RecoveryAlert.Kind.RECOVERY_CANCELLED, RecoveryAlert.Kind.RECOVERY_OPENED);
        }
        assertThat(store.cancel(o.request().id(), o.patient(), T0.plusSeconds(30), List.of())).isFalse();
    }

    @Test
    void aCompletedRecovery_cannotBeCancelled_andItsGuardiansStillSeeThatItCompleted() {
        Opened o = opened();
        assertThat(store.complete(completion(o))).isTrue();
        assertThat(store.guardians(o.patient())).as("the retired set is dropped").isEmpty();

        assertThat(store.cancel(o.request().id(), o.patient(), T0.plusSeconds(30), RecoveryAlert.toAll(
                o.request().id(), o.patient(), List.of(o.guardian()), RecoveryAlert.Kind.RECOVERY_CANCELLED,
                T0.plusSeconds(30), "too late"))).isFalse();
        assertThat(store.find(o.request().id()).orElseThrow().cancelled()).isFalse();
        assertThat(store.alertsFor(o.guardian(), 10)).extracting(RecoveryAlert::kind)
                .containsExactly(RecoveryAlert.Kind.RECOVERY_COMPLETED, RecoveryAlert.Kind.RECOVERY_OPENED);
    }

    @Test
    void aRepeatedApproval_isStoredAndAlertedOnce() {
        Opened o = opened();
        SealedShare resealed = new SealedShare(o.patient(), o.guardian(), 1, bytes(80));
        List<RecoveryAlert> alerts = RecoveryAlert.toAll(o.request().id(), o.patient(), List.of(o.guardian()),
                RecoveryAlert.Kind.RECOVERY_APPROVED, T0.plusSeconds(5), "approved");
        store.saveApproval(o.request().id(), resealed, "0xa", T0.plusSeconds(5), alerts);
        store.saveApproval(o.request().id(), resealed, "", T0.plusSeconds(6), alerts);

        assertThat(store.approvals(o.request().id())).hasSize(1);
        assertThat(store.alertsFor(o.patient(), 10)).filteredOn(a -> a.kind() == RecoveryAlert.Kind.RECOVERY_APPROVED)
                .hasSize(1);
    }
}
