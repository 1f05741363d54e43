package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.keys;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.consent.AttestationType;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.BreakGlassReview;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.error.SalusException;
import io.salus.core.monitoring.Recipient;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresEmergencyStore} on PostgreSQL (V50): opt-outs, an access with its notices in one transaction, the
 * first review standing, and justifications and notices sealed at rest.
 */
@WithPostgres
class PostgresEmergencyStoreIT {
    private static final String WHY = "unconscious after a fall, history unknown";
    static Database db;
    static PostgresAccountStore accounts;
    static PostgresEmergencyStore store;

    @BeforeAll
    static void start(Database database) {
        db = database;
        accounts = new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        store = new PostgresEmergencyStore(db.jdbi(), keys());
    }

    static AccountId create(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account().id();
    }

    static BreakGlassAccess access(AccountId responder, AccountId patient) {
        return new BreakGlassAccess(UUID.randomUUID(), responder, patient, WHY, AttestationType.EMERGENCY_RESPONDER,
                7, T0, T0.plus(Duration.ofHours(4)), List.of(UUID.randomUUID(), UUID.randomUUID()), "0xabc",
                Optional.empty());
    }

    @Test
    void optOut_isFalseUntilThePatientSetsIt_andCanBeUndone() {
        AccountId p = create(AccountKind.PATIENT);
        assertThat(store.optedOut(p)).isFalse();
        store.setOptedOut(p, true, T0);
        assertThat(store.optedOut(p)).isTrue();
        store.setOptedOut(p, false, T0.plusSeconds(1));
        assertThat(store.optedOut(p)).isFalse();
    }

    @Test
    void accessAndNotices_areStoredTogether_andReadBackAsWritten_withTheFirstReviewStanding() {
        AccountId p = create(AccountKind.PATIENT);
        AccountId r = create(AccountKind.PHYSICIAN);
        AccountId d = create(AccountKind.CAREGIVER);
        BreakGlassAccess a = access(r, p);
        store.open(a, List.of(new EmergencyNotice(a.id(), p, Recipient.Role.PATIENT, p, T0, "to you: " + WHY),
                new EmergencyNotice(a.id(), d, Recipient.Role.DELEGATE, p, T0, "to your carer: " + WHY)));
        assertThat(store.find(a.id())).contains(a);
        assertThat(store.forPatient(p, 10)).containsExactly(a);
        assertThat(store.unreviewed(1_000)).contains(a);
        assertThat(store.noticesFor(d, 10)).singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("to your carer: " + WHY));

        AccountId auditor = create(AccountKind.AUDITOR);
        BreakGlassReview yes = new BreakGlassReview(auditor, true, "confirmed", T0.plusSeconds(60));
        assertThat(store.review(a.id(), yes)).isTrue();
        assertThat(store.review(a.id(), new BreakGlassReview(auditor, false, "", T0.plusSeconds(61)))).isFalse();
        assertThat(store.find(a.id()).orElseThrow().review()).contains(yes);
        assertThat(store.unreviewed(1_000)).doesNotContain(a);
    }

    @Test
    void aNoticeThatCannotBeStored_leavesNoAccessBehind() {
        AccountId p = create(AccountKind.PATIENT);
        BreakGlassAccess a = access(create(AccountKind.PHYSICIAN), p);
        AccountId unknown = AccountId.random();
        assertThatThrownBy(() -> store.open(a, List.of(new EmergencyNotice(a.id(), unknown, Recipient.Role.PATIENT,
                p, T0, "x")))).isInstanceOf(SalusException.class);
        assertThat(store.find(a.id())).isEmpty();
    }

    @Test
    void justificationsAndNotices_areSealedAtRest() {
        AccountId p = create(AccountKind.PATIENT);
        BreakGlassAccess a = access(create(AccountKind.PHYSICIAN), p);
        store.open(a, List.of(new EmergencyNotice(a.id(), p, Recipient.Role.PATIENT, p, T0, WHY)));
        byte[] why = WHY.getBytes(StandardCharsets.UTF_8);
        db.jdbi().useHandle(h -> {
            byte[] j = h.createQuery("SELECT sealed_justification FROM break_glass_access WHERE id = :id")
                    .bind("id", a.id()).mapTo(byte[].class).one();
            byte[] t = h.createQuery("SELECT sealed_text FROM emergency_notice WHERE access = :id")
                    .bind("id", a.id()).mapTo(byte[].class).one();
            assertThat(new String(j, StandardCharsets.ISO_8859_1)).doesNotContain("unconscious");
            assertThat(new String(t, StandardCharsets.ISO_8859_1)).doesNotContain("unconscious");
            assertThat(j).isNotEqualTo(why);
        });
    }
}
