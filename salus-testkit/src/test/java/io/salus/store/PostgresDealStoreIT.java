package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.bytes;
import static io.salus.testkit.data.StoreFixtures.hash;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Claim;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Role;
import io.salus.core.deal.Split;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ClaimKeys;
import io.salus.core.privacy.Epsilon;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresDealStoreIT {
    static PostgresAccountStore accounts;
    static PostgresDealStore deals;
    static final Epsilon EPS = Epsilon.parse("0.5").orElseThrow();

    @BeforeAll
    static void start(Database db) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        accounts = new PostgresAccountStore(db.jdbi(), clock);
        deals = new PostgresDealStore(db.jdbi(), clock);
    }

    static Account account(AccountKind kind) {
        NewAccount a = newAccount(kind, T0);
        accounts.create(a, registration(a));
        return a.account();
    }

    static Deal posted(Account consumer) {
        Deal d = new Deal(hash(), consumer.id(), "Org A", "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8),
                hash(), new DealTerms(hash(), 0b110, Purpose.HRESCH, 1_000, 10, T0.plusSeconds(3_600),
                        new Split(6_000, 2_000, 1_000, 500, 500)),
                bytes(60), DealPhase.POSTED, Optional.empty(), Optional.empty(), 0,
                List.of(new Deal.DealTx("post", "0xpost", 7)), T0);
        deals.create(d);
        return d;
    }

    static DealMember member(int i, Account patient, Optional<Account> caregiver) {
        return new DealMember(i, Optional.of(patient.id()), caregiver.map(Account::id), new Payout(hash(),
                EvmAddress.of(bytes(20)), caregiver.map(c -> EvmAddress.of(bytes(20))),
                List.of(new ProviderShare(EvmAddress.of(bytes(20)), 3), new ProviderShare(EvmAddress.of(bytes(20)),
                        1))));
    }

    static StagedPackage pkg() {
        return new StagedPackage(hash(), hash(), 1234, 2, bytes(48), bytes(80));
    }

    @Test
    void aDeal_movesThroughItsPhases_withItsTermsMembersPackageAndTransactions() {
        Account consumer = account(AccountKind.CONSUMER);
        Account p1 = account(AccountKind.PATIENT);
        Account p2 = account(AccountKind.PATIENT);
        Account carer = account(AccountKind.CAREGIVER);
        Deal d = posted(consumer);
        assertThat(deals.find(d.id())).hasValueSatisfying(read -> {
            assertThat(read.terms()).isEqualTo(d.terms());
            assertThat(read.criteria()).isEqualTo(d.criteria());
            assertThat(read.sealedSecret()).isEqualTo(d.sealedSecret());
            assertThat(read.phase()).isEqualTo(DealPhase.POSTED);
            assertThat(read.txs()).containsExactly(new Deal.DealTx("post", "0xpost", 7));
        });

        deals.suppressed(d.id(), "fewer than 11", EPS);
        assertThat(deals.find(d.id()).orElseThrow().releasedSize()).contains("fewer than 11");
        List<DealMember> members = List.of(member(0, p1, Optional.of(carer)), member(1, p2, Optional.empty()));
        Hash32 root = hash();
        deals.matched(d.id(), "23", EPS, root, members, new Deal.DealTx("commit", "0xcommit", 8));
        assertThat(deals.members(d.id())).isEqualTo(members);
        assertThat(deals.find(d.id()).orElseThrow().cohortRoot()).contains(root);

        StagedPackage pkg = pkg();
        deals.staged(d.id(), pkg, Set.of(1));
        assertThat(deals.included(d.id())).containsExactly(1);
        assertThat(deals.stagedPackage(d.id())).hasValueSatisfying(p -> {
            assertThat(p.hashes()).isEqualTo(pkg.hashes());
            assertThat(p.wrappedKey()).isEqualTo(pkg.wrappedKey());
            assertThat(p.sealedContentKey()).isEqualTo(pkg.sealedContentKey());
        });
        deals.settled(d.id(), List.of(new Deal.DealTx("settle", "0xsettle", 9)));

        Deal settled = deals.find(d.id()).orElseThrow();
        assertThat(settled.phase()).isEqualTo(DealPhase.SETTLED);
        assertThat(settled.delivered()).isEqualTo(2);
        assertThat(settled.txs()).extracting(Deal.DealTx::kind).containsExactly("post", "commit", "settle");
        assertThat(deals.byConsumer(consumer.id())).extracting(Deal::id).containsExactly(d.id());
    }

    @Test
    void aStepFromTheWrongPhase_isABugAndChangesNothing() {
        Deal d = posted(account(AccountKind.CONSUMER));

        assertThatThrownBy(() -> deals.staged(d.id(), pkg(), Set.of())).isInstanceOf(SalusException.class);
        assertThatThrownBy(() -> deals.settled(d.id(), List.of())).isInstanceOf(SalusException.class);
        assertThat(deals.find(d.id()).orElseThrow().phase()).isEqualTo(DealPhase.POSTED);
        assertThat(deals.stagedPackage(d.id())).isEmpty();
    }

    @Test
    void claims_nameThePatientsAndCaregiversClaimAddressesWithTheLabelsOfTheirKeys() {
        Account patient = account(AccountKind.PATIENT);
        Account carer = account(AccountKind.CAREGIVER);
        Deal d = posted(account(AccountKind.CONSUMER));
        DealMember m = member(0, patient, Optional.of(carer));
        deals.matched(d.id(), "12", EPS, hash(), List.of(m), new Deal.DealTx("commit", "0xc", 1));

        assertThat(deals.claimsOf(patient.id())).containsExactly(new Claim(d.id(), Role.PATIENT,
                m.payout().patient(), ClaimKeys.patient(patient.address())));
        assertThat(deals.claimsOf(carer.id())).containsExactly(new Claim(d.id(), Role.CAREGIVER,
                m.payout().caregiver().orElseThrow(), ClaimKeys.caregiver(carer.address(), m.payout().pseudonym())));
        assertThat(deals.dealsOf(patient.id())).containsExactly(d.id());
    }

    @Test
    void erasure_dropsAStagedPackageNotYetSettling_andUnlinksASettledDealAndItsSecret() {
        Account consumer = account(AccountKind.CONSUMER);
        Account leaving = account(AccountKind.PATIENT);
        Account staying = account(AccountKind.PATIENT);
        Deal staged = posted(consumer);
        deals.matched(staged.id(), "15", EPS, hash(), List.of(member(0, leaving, Optional.empty()), member(1,
                staying, Optional.empty())), new Deal.DealTx("commit", "0xc1", 1));
        deals.staged(staged.id(), pkg(), Set.of(0, 1));
        Deal settled = posted(consumer);
        deals.matched(settled.id(), "15", EPS, hash(), List.of(member(0, leaving, Optional.empty())),
                new Deal.DealTx("commit", "0xc2", 2));
        deals.staged(settled.id(), pkg(), Set.of(0));
        deals.settled(settled.id(), List.of());

        assertThat(deals.unlink(staged.id(), leaving.id(), false)).isTrue();
        assertThat(deals.unlink(settled.id(), leaving.id(), true)).isFalse();

        assertThat(deals.find(staged.id()).orElseThrow().phase()).isEqualTo(DealPhase.MATCHED);
        assertThat(deals.stagedPackage(staged.id())).isEmpty();
        assertThat(deals.members(staged.id())).hasSize(2).filteredOn(m -> m.patient().isPresent())
                .extracting(m -> m.patient().orElseThrow()).containsExactly(staying.id());
        assertThat(deals.find(settled.id()).orElseThrow().sealedSecret()).isEmpty();
        assertThat(deals.members(settled.id()).get(0).patient()).isEmpty();
        assertThat(deals.dealsOf(leaving.id())).isEmpty();
        assertThat(deals.claimsOf(leaving.id())).isEmpty();
        assertThat(deals.unlink(staged.id(), leaving.id(), false)).as("idempotent").isFalse();
    }
}
