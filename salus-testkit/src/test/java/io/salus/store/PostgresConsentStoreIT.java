package io.salus.store;

import static io.salus.testkit.data.ConsentFixtures.address;
import static io.salus.testkit.data.ConsentFixtures.attestation;
import static io.salus.testkit.data.ConsentFixtures.delegation;
import static io.salus.testkit.data.ConsentFixtures.grant;
import static io.salus.testkit.data.ConsentFixtures.recorded;
import static io.salus.testkit.data.ConsentFixtures.scopes;
import static io.salus.testkit.data.ConsentFixtures.terms;
import static io.salus.testkit.data.StoreFixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.ConsentEvent.AccessLogged;
import io.salus.core.consent.ConsentEvent.AttestationRecorded;
import io.salus.core.consent.ConsentEvent.AttestationRevoked;
import io.salus.core.consent.ConsentEvent.DelegationSet;
import io.salus.core.consent.ConsentEvent.GrantRevoked;
import io.salus.core.consent.ConsentEvent.IssuerTrusted;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.Caregivers;
import io.salus.testkit.data.ConsentFixtures;
import io.salus.testkit.data.StoreFixtures;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresConsentStoreIT {
    static Database db;
    static PostgresConsentStore store;

    @BeforeAll
    static void start(Database database) {
        db = database;
        store = new PostgresConsentStore(db.jdbi());
    }

    @BeforeEach
    void emptyProjection() {
        store.reset();
    }

    @Test
    void everyEventKind_isProjected_andReadBackAsTheChainEmittedIt() {
        EvmAddress patient = address();
        EvmAddress caregiver = address();
        EvmAddress issuer = address();
        EvmAddress researcher = address();
        Grant named = new Grant(7, terms(patient, Optional.of(researcher)), caregiver, 12, Optional.empty());
        Grant open = grant(8, patient, 13);
        Attestation att = attestation(3, issuer, researcher, 11);
        Delegation del = delegation(patient, caregiver, scopes(DelegationScope.MANAGE_CONSENT), 10);
        AccessLogged log = new AccessLogged(hash(), hash(), researcher, Category.CONDITIONS.mask(), Purpose.HRESCH,
                "0x" + hash().hex(), 15, 2);

        store.apply(List.of(new IssuerTrusted(issuer, AttestationType.ACADEMIC_RESEARCHER.mask(), 9, 0),
                new DelegationSet(del, 0), new AttestationRecorded(att, 0), recorded(named, 0), recorded(open, 1),
                new GrantRevoked(8, 14, 0), log, new AttestationRevoked(3, 16, 0)), 16);

        assertThat(store.grantsOf(patient)).containsExactly(named,
                new Grant(8, open.terms(), open.signer(), 13, Optional.of(14L)));
        assertThat(store.grant(7)).contains(named);
        assertThat(store.grant(99)).isEmpty();
        assertThat(store.attestationsOf(researcher)).containsExactly(new Attestation(3, issuer, researcher,
                att.type(), att.purposes(), att.validFrom(), att.validUntil(), 11, Optional.of(16L)));
        assertThat(store.trustedTypes(issuer)).isEqualTo(AttestationType.ACADEMIC_RESEARCHER.mask());
        assertThat(store.trustedTypes(researcher)).isZero();
        assertThat(store.delegation(patient, caregiver)).contains(del);
        assertThat(store.delegation(caregiver, patient)).isEmpty();
        assertThat(store.delegationsOf(patient)).containsExactly(del);
        assertThat(store.accessLogsByAuditHash(log.auditHash())).containsExactly(log);
        assertThat(store.accessLogsByAuditHash(hash())).isEmpty();
        assertThat(store.syncedBlock()).isEqualTo(16);
    }

    @Test
    void grantsAndDelegationsOfManyPatients_areWhatEachPatientsOwnReadGives_everyPatientAsked() {
        EvmAddress alice = address();
        EvmAddress bob = address();
        EvmAddress nobody = address();
        EvmAddress carer = address();
        EvmAddress friend = address();
        store.apply(List.of(recorded(grant(21, alice, 3), 0), recorded(grant(22, bob, 3), 1),
                recorded(grant(23, alice, 4), 0), new GrantRevoked(21, 5, 0),
                new DelegationSet(delegation(alice, friend, scopes(DelegationScope.RECEIVE_ALERTS), 4), 1),
                new DelegationSet(delegation(alice, carer, scopes(DelegationScope.VIEW_RECORDS), 5), 1),
                new DelegationSet(delegation(bob, carer, scopes(DelegationScope.MANAGE_CONSENT), 5), 2)), 5);
        List<EvmAddress> asked = List.of(alice, bob, nobody);

        Map<EvmAddress, List<Grant>> grants = store.grantsOfAll(asked);
        Map<EvmAddress, List<Delegation>> delegations = store.delegationsOfAll(asked);

        assertThat(grants).containsOnlyKeys(asked);
        assertThat(delegations).containsOnlyKeys(asked);
        for (EvmAddress p : asked) {
            assertThat(grants.get(p)).isEqualTo(store.grantsOf(p));
            assertThat(delegations.get(p)).isEqualTo(store.delegationsOf(p));
        }
        assertThat(grants.get(alice)).extracting(Grant::id).containsExactly(21L, 23L);
        assertThat(grants.get(nobody)).isEmpty();
        assertThat(delegations.get(alice)).hasSize(2);
        assertThat(store.grantsOfAll(List.of())).isEmpty();
    }

    @Test
    void caregiversOfManyPatients_areWhoEachPatientsOwnLookupFinds() {
        PostgresAccountStore accounts = new PostgresAccountStore(db.jdbi(), Clock.systemUTC());
        Account carer = account(accounts, AccountKind.CAREGIVER);
        Account laterCarer = account(accounts, AccountKind.CAREGIVER);
        Account doctor = account(accounts, AccountKind.PHYSICIAN);
        List<Account> patients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            patients.add(account(accounts, AccountKind.PATIENT));
        }
        int viewing = scopes(DelegationScope.VIEW_RECORDS);
        Instant now = ConsentFixtures.UNTIL.minusSeconds(3_600);
        store.apply(List.of(
                new DelegationSet(delegation(patients.get(0).address(), carer.address(), viewing, 4), 0),
                new DelegationSet(delegation(patients.get(1).address(), carer.address(),
                        scopes(DelegationScope.RECEIVE_ALERTS), 4), 0),
                new DelegationSet(delegation(patients.get(2).address(), doctor.address(), viewing, 3), 0),
                new DelegationSet(delegation(patients.get(2).address(), laterCarer.address(),
                        scopes(DelegationScope.MANAGE_CONSENT), 6), 0),
                new DelegationSet(new Delegation(patients.get(3).address(), carer.address(), viewing,
                        now.minusSeconds(1), 5), 0),
                new DelegationSet(delegation(patients.get(4).address(), address(), viewing, 2), 0),
                new DelegationSet(delegation(patients.get(4).address(), laterCarer.address(), viewing, 7), 0),
                new DelegationSet(delegation(patients.get(4).address(), carer.address(), viewing, 5), 0)), 7);
        Caregivers caregivers = new Caregivers(store, accounts);

        Map<EvmAddress, Optional<Account>> all = caregivers.ofAll(patients, now);

        assertThat(all).containsOnlyKeys(patients.stream().map(Account::address).toList());
        for (Account p : patients) {
            assertThat(all.get(p.address()).map(Account::id)).as(p.displayName())
                    .isEqualTo(caregivers.of(p, now).map(Account::id));
        }
        assertThat(patients.stream().map(p -> all.get(p.address()).map(Account::id))).containsExactly(
                Optional.of(carer.id()), Optional.empty(), Optional.of(laterCarer.id()), Optional.empty(),
                Optional.of(carer.id()), Optional.empty());
    }

    private static Account account(PostgresAccountStore accounts, AccountKind kind) {
        NewAccount a = StoreFixtures.newAccount(kind, StoreFixtures.T0);
        accounts.create(a, StoreFixtures.registration(a));
        return a.account();
    }

    @Test
    void reapplyingTheSameEvents_changesNothing() {
        EvmAddress patient = address();
        EvmAddress issuer = address();
        EvmAddress subject = address();
        AccessLogged log = new AccessLogged(hash(), hash(), subject, 1, Purpose.TREAT, "0xab", 6, 0);
        List<ConsentEvent> events = List.of(recorded(grant(1, patient, 3), 0), new GrantRevoked(1, 5, 0),
                new AttestationRecorded(attestation(2, issuer, subject, 4), 0), new IssuerTrusted(issuer, 3, 2, 0),
                new DelegationSet(delegation(patient, subject, 1, 4), 1), log);

        store.apply(events, 6);
        List<Grant> grants = store.grantsOf(patient);
        List<Attestation> attestations = store.attestationsOf(subject);
        store.apply(events, 6);

        assertThat(store.grantsOf(patient)).isEqualTo(grants);
        assertThat(grants.getFirst().revokedAtBlock()).contains(5L);
        assertThat(store.attestationsOf(subject)).isEqualTo(attestations);
        assertThat(store.trustedTypes(issuer)).isEqualTo(3);
        assertThat(store.delegationsOf(patient)).hasSize(1);
        assertThat(store.accessLogsByAuditHash(log.auditHash())).containsExactly(log);
        assertThat(store.syncedBlock()).isEqualTo(6);
    }

    @Test
    void aGrantRecordedAgain_afterItsRevocation_staysRevoked() {
        EvmAddress patient = address();
        Grant g = grant(1, patient, 3);
        store.apply(List.of(recorded(g, 0)), 3);
        store.apply(List.of(new GrantRevoked(1, 5, 0)), 5);

        store.apply(List.of(recorded(g, 0)), 5);

        assertThat(store.grant(1).orElseThrow().revokedAtBlock()).contains(5L);
    }

    @Test
    void revocation_keepsTheFirstRevocationBlock() {
        EvmAddress patient = address();
        EvmAddress subject = address();
        store.apply(List.of(recorded(grant(1, patient, 3), 0),
                new AttestationRecorded(attestation(2, address(), subject, 3), 1)), 3);

        store.apply(List.of(new GrantRevoked(1, 8, 0), new AttestationRevoked(2, 8, 1)), 8);
        store.apply(List.of(new GrantRevoked(1, 5, 0), new AttestationRevoked(2, 5, 1)), 8);
        store.apply(List.of(new GrantRevoked(1, 9, 0), new AttestationRevoked(2, 9, 1)), 9);

        assertThat(store.grant(1).orElseThrow().revokedAtBlock()).contains(5L);
        assertThat(store.attestationsOf(subject).getFirst().revokedAtBlock()).contains(5L);
        assertThat(store.grant(1).orElseThrow().revokedAt(4)).isFalse();
        assertThat(store.grant(1).orElseThrow().revokedAt(5)).isTrue();
    }

    @Test
    void revocationOfAnUnknownGrant_isIgnored() {
        store.apply(List.of(new GrantRevoked(42, 5, 0), new AttestationRevoked(43, 5, 1)), 5);

        assertThat(store.grant(42)).isEmpty();
        assertThat(store.syncedBlock()).isEqualTo(5);
    }

    @Test
    void delegation_latestByBlockThenLogIndexWins_whateverTheApplyOrder() {
        EvmAddress patient = address();
        EvmAddress caregiver = address();
        Delegation first = delegation(patient, caregiver, scopes(DelegationScope.VIEW_RECORDS), 4);
        Delegation second = delegation(patient, caregiver, scopes(DelegationScope.MANAGE_CONSENT), 7);
        Delegation sameBlockLater = delegation(patient, caregiver, 0, 7);

        store.apply(List.of(new DelegationSet(first, 0), new DelegationSet(second, 0)), 7);
        assertThat(store.delegation(patient, caregiver)).contains(second);

        store.apply(List.of(new DelegationSet(first, 0)), 7);
        assertThat(store.delegation(patient, caregiver)).contains(second);

        store.apply(List.of(new DelegationSet(sameBlockLater, 3), new DelegationSet(second, 0)), 7);
        assertThat(store.delegation(patient, caregiver)).contains(sameBlockLater);
        assertThat(store.delegationsOf(patient)).containsExactly(sameBlockLater);
        List<Delegation> streamed = new java.util.ArrayList<>();
        store.forEachDelegation(streamed::add);
        assertThat(streamed).as("the index is rebuilt from the latest delegation of every pair")
                .contains(sameBlockLater).doesNotContain(first, second);
    }

    @Test
    void issuerTrust_latestWins_andZeroMeansUntrusted() {
        EvmAddress issuer = address();
        store.apply(List.of(new IssuerTrusted(issuer, 5, 2, 0), new IssuerTrusted(issuer, 0, 9, 0)), 9);
        store.apply(List.of(new IssuerTrusted(issuer, 5, 2, 0)), 9);

        assertThat(store.trustedTypes(issuer)).isZero();
    }

    @Test
    void cursor_startsAtMinusOne_andNeverMovesBack() {
        assertThat(store.syncedBlock()).isEqualTo(-1);

        store.apply(List.of(), 10);
        store.apply(List.of(), 4);

        assertThat(store.syncedBlock()).isEqualTo(10);
        store.apply(List.of(), 11);
        assertThat(store.syncedBlock()).isEqualTo(11);
    }

    @Test
    void reset_emptiesEveryProjectionTable_andTheCursor() {
        EvmAddress patient = address();
        EvmAddress issuer = address();
        EvmAddress subject = address();
        Hash32 auditHash = hash();
        store.apply(List.of(recorded(grant(1, patient, 3), 0),
                new AttestationRecorded(attestation(2, issuer, subject, 3), 1), new IssuerTrusted(issuer, 1, 3, 2),
                new DelegationSet(delegation(patient, subject, 1, 3), 3),
                new AccessLogged(auditHash, hash(), subject, 1, Purpose.TREAT, "0x01", 3, 4)), 3);

        store.reset();

        assertThat(store.grantsOf(patient)).isEmpty();
        assertThat(store.attestationsOf(subject)).isEmpty();
        assertThat(store.trustedTypes(issuer)).isZero();
        assertThat(store.delegationsOf(patient)).isEmpty();
        assertThat(store.accessLogsByAuditHash(auditHash)).isEmpty();
        assertThat(store.syncedBlock()).isEqualTo(-1);
        List<Grant> all = new ArrayList<>();
        store.forEachGrant(all::add);
        assertThat(all).isEmpty();
    }

    @Test
    void forEachGrant_streamsEveryOneOfTenThousandGrantsInIdOrder() {
        EvmAddress[] patients = {address(), address(), address()};
        List<ConsentEvent> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(recorded(grant(i + 1, patients[i % 3], 100 + i / 50), i % 50));
        }
        store.apply(events, 400);

        AtomicLong count = new AtomicLong();
        AtomicLong lastId = new AtomicLong();
        List<Boolean> ordered = new ArrayList<>();
        store.forEachGrant(g -> {
            count.incrementAndGet();
            if (g.id() <= lastId.getAndSet(g.id())) {
                ordered.add(false);
            }
        });

        assertThat(count.get()).isEqualTo(10_000);
        assertThat(ordered).isEmpty();
        assertThat(lastId.get()).isEqualTo(10_000);
        assertThat(store.grantsOf(patients[0])).hasSize(3_334);
    }

    @Test
    void forEachAttestation_streamsEveryAttestation() {
        EvmAddress issuer = address();
        List<ConsentEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(new AttestationRecorded(attestation(i, issuer, address(), 7), i));
        }
        store.apply(events, 7);

        List<Attestation> all = new ArrayList<>();
        store.forEachAttestation(all::add);

        assertThat(all).hasSize(500);
        assertThat(all).extracting(Attestation::id).isSorted();
    }

    @Test
    void accessLogsDeliveredTwice_underOneAuditHash_areBothKept_inChainOrder() {
        EvmAddress requester = address();
        Hash32 auditHash = hash();
        Hash32 pseudonym = hash();
        AccessLogged first = new AccessLogged(auditHash, pseudonym, requester, 2, Purpose.HRESCH, "0x01", 20, 3);
        AccessLogged again = new AccessLogged(auditHash, pseudonym, requester, 2, Purpose.HRESCH, "0x02", 21, 0);
        store.apply(List.of(again, first), 30);

        assertThat(store.accessLogsByAuditHash(auditHash)).containsExactly(first, again);
    }
}
