package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.Category;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresAuditLogIT {
    static Database db;
    static PostgresAuditLog audit;
    static PostgresOutbox outbox;

    @BeforeAll
    static void start(Database database) {
        db = database;
        audit = new PostgresAuditLog(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC));
        outbox = new PostgresOutbox(db.jdbi());
    }

    private static AuditEntry entry(AccountId requester, AccountId patient, Instant at, Decision decision) {
        UUID id = UUID.randomUUID();
        byte[] json = ("{ \"resourceType\" : \"AuditEvent\", \"id\" : \"" + id + "\", \"note\" : \"é\" }")
                .getBytes(StandardCharsets.UTF_8);
        return new AuditEntry(id, requester, patient, Category.LAB_RESULTS, Purpose.HRESCH, at, decision, json,
                Hashing.keccak256(json), Optional.empty(), Optional.empty());
    }

    private static OutboxMessage accessLog(AuditEntry e) {
        return new OutboxMessage(OutboxKinds.ACCESS_LOG, e.id().toString(),
                Map.of("auditHash", e.auditHash().hex(), "grantId", e.decision().grantId().orElseThrow().toString()));
    }

    private static List<OutboxEntry> queued(AuditEntry e) {
        return outbox.due(OutboxKinds.ACCESS_LOG, 100_000, T0.plus(Duration.ofDays(1))).stream()
                .filter(m -> m.message().idempotencyKey().equals(e.id().toString()))
                .toList();
    }

    private static void assertSameEntry(AuditEntry actual, AuditEntry expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.auditEventJson()).isEqualTo(expected.auditEventJson());
    }

    @Test
    void permitAndDeny_roundTripExactly_withTheReleaseQueuedForTheChain() {
        AccountId requester = AccountId.random();
        AccountId patient = AccountId.random();
        AuditEntry permit = entry(requester, patient, T0, Decision.permitByGrant(42, "grant 42 covers it"));
        AuditEntry deny = entry(requester, patient, T0.plusNanos(1_000),
                Decision.deny(ErrorCode.CONSENT_REVOKED, "grant 41 revoked at block 9"));
        AuditEntry delegated = entry(AccountId.random(), patient, T0, Decision.permitByDelegation("caregiver"));

        audit.record(List.of(permit, deny, delegated), List.of(accessLog(permit)));

        assertSameEntry(audit.find(permit.id()).orElseThrow(), permit);
        assertSameEntry(audit.find(deny.id()).orElseThrow(), deny);
        assertSameEntry(audit.find(delegated.id()).orElseThrow(), delegated);
        assertThat(audit.find(UUID.randomUUID())).isEmpty();
        assertThat(queued(permit)).singleElement()
                .satisfies(m -> assertThat(m.message()).isEqualTo(accessLog(permit)))
                .satisfies(m -> assertThat(m.createdAt()).isEqualTo(T0));
        assertThat(queued(deny)).isEmpty();
        assertThat(audit.withHash(permit.auditHash())).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(permit.id()));
    }

    @Test
    void instants_areKeptToTheMicrosecond() {
        AuditEntry e = entry(AccountId.random(), AccountId.random(), T0.plusNanos(123_999),
                Decision.deny(ErrorCode.NO_CONSENT, "default deny"));

        audit.record(List.of(e), List.of());

        assertThat(audit.find(e.id()).orElseThrow().at()).isEqualTo(T0.plusNanos(123_000));
    }

    @Test
    void aDuplicateAccessLogKey_failsTheWholeCall_andStoresNothing() {
        AccountId patient = AccountId.random();
        AuditEntry a = entry(AccountId.random(), patient, T0, Decision.permitByGrant(1, "ok"));
        AuditEntry b = entry(AccountId.random(), patient, T0, Decision.permitByGrant(1, "ok"));

        assertThatThrownBy(() -> audit.record(List.of(a, b), List.of(accessLog(a), accessLog(a))))
                .isInstanceOf(SalusException.class);

        assertThat(audit.find(a.id())).isEmpty();
        assertThat(audit.find(b.id())).isEmpty();
        assertThat(audit.forPatient(patient, 10)).isEmpty();
        assertThat(queued(a)).isEmpty();
    }

    @Test
    void recordingAnEntryAgain_fails_andQueuesNoSecondRelease() {
        AuditEntry a = entry(AccountId.random(), AccountId.random(), T0, Decision.permitByGrant(1, "ok"));
        audit.record(List.of(a), List.of(accessLog(a)));
        AuditEntry fresh = entry(AccountId.random(), a.patient(), T0, Decision.permitByGrant(1, "ok"));

        assertThatThrownBy(() -> audit.record(List.of(fresh, a), List.of(accessLog(fresh), accessLog(a))))
                .isInstanceOf(SalusException.class);

        assertThat(audit.find(fresh.id())).isEmpty();
        assertThat(queued(fresh)).isEmpty();
        assertThat(queued(a)).hasSize(1);
    }

    @Test
    void aMessageThatIsNotAnAccessLogOfTheEntries_isRefusedBeforeAnythingIsWritten() {
        AuditEntry a = entry(AccountId.random(), AccountId.random(), T0, Decision.permitByGrant(1, "ok"));
        OutboxMessage foreign = new OutboxMessage(OutboxKinds.ACCESS_LOG, UUID.randomUUID().toString(),
                Map.of());
        OutboxMessage otherKind = new OutboxMessage("anchor-batch", a.id().toString(), Map.of());

        assertThatThrownBy(() -> audit.record(List.of(a), List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.record(List.of(a), List.of(otherKind)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(audit.find(a.id())).isEmpty();
    }

    @Test
    void markLogged_recordsTheFirstMinedTransaction() {
        AuditEntry a = entry(AccountId.random(), AccountId.random(), T0, Decision.permitByGrant(1, "ok"));
        audit.record(List.of(a), List.of(accessLog(a)));

        audit.markLogged(a.id(), "0xaaa", 17);
        audit.markLogged(a.id(), "0xbbb", 18);

        AuditEntry logged = audit.find(a.id()).orElseThrow();
        assertThat(logged.txHash()).contains("0xaaa");
        assertThat(logged.block()).contains(17L);
        assertThatThrownBy(() -> audit.markLogged(UUID.randomUUID(), "0xccc", 3))
                .isInstanceOf(SalusException.class);
    }

    @Test
    void listings_areNewestFirst_perPatientAndPerRequester_andLimited() {
        AccountId patient = AccountId.random();
        AccountId requester = AccountId.random();
        AccountId other = AccountId.random();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(entry(i % 2 == 0 ? requester : other, patient, T0.plusSeconds(i % 3 == 0 ? 0 : i),
                    Decision.deny(ErrorCode.NO_CONSENT, "entry " + i)));
        }
        entries.add(entry(requester, AccountId.random(), T0.plusSeconds(100),
                Decision.deny(ErrorCode.NO_CONSENT, "elsewhere")));
        audit.record(entries, List.of());

        assertThat(audit.forPatient(patient, 10)).extracting(e -> e.decision().reason())
                .containsExactly("entry 5", "entry 4", "entry 2", "entry 1", "entry 3", "entry 0");
        assertThat(audit.forPatient(patient, 2)).extracting(e -> e.decision().reason())
                .containsExactly("entry 5", "entry 4");
        assertThat(audit.forRequester(requester, 10)).extracting(e -> e.decision().reason())
                .containsExactly("elsewhere", "entry 4", "entry 2", "entry 0");
        assertThat(audit.forRequester(AccountId.random(), 10)).isEmpty();
    }

    @Test
    void withAGracePeriod_theAccessLogMessageIsDueForTheWorkerOnlyAfterIt() {
        PostgresAuditLog graced = new PostgresAuditLog(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC),
                Duration.ofSeconds(30));
        AuditEntry a = entry(AccountId.random(), AccountId.random(), T0, Decision.permitByGrant(1, "ok"));

        graced.record(List.of(a), List.of(accessLog(a)));

        assertThat(outbox.due(OutboxKinds.ACCESS_LOG, 100_000, T0.plusSeconds(29)))
                .noneSatisfy(m -> assertThat(m.message().idempotencyKey()).isEqualTo(a.id().toString()));
        assertThat(outbox.due(OutboxKinds.ACCESS_LOG, 100_000, T0.plusSeconds(30)))
                .anySatisfy(m -> assertThat(m.message().idempotencyKey()).isEqualTo(a.id().toString()));
        assertThat(queued(a)).singleElement().satisfies(m -> assertThat(m.createdAt()).isEqualTo(T0));
    }

    @Test
    void anAuditHashIsFoundAgain_byTheBytesItIsOver() {
        AuditEntry a = entry(AccountId.random(), AccountId.random(), T0, Decision.permitByGrant(3, "ok"));
        audit.record(List.of(a), List.of(accessLog(a)));

        AuditEntry stored = audit.withHash(a.auditHash()).getFirst();

        assertThat(Hashing.keccak256(stored.auditEventJson())).isEqualTo(a.auditHash());
        assertThat(audit.withHash(Hash32.of(hash().bytes()))).isEmpty();
    }
}
