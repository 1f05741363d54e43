package io.salus.testkit.contract;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.hash;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.error.SalusException;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AccountStore}: accounts round-trip by id, address and token hash with their sealed keys; an
 * account and its registration message are stored in one transaction, or neither (a duplicate address); listing by
 * kind; registration marks; care links (idempotent, directional); patient identifiers. An adapter is accepted when a
 * subclass supplying it (with the {@link Outbox} of the same database) passes. The store may hold other tests' data.
 */
public abstract class AccountStoreContract {
    protected AccountStore accounts;
    protected Outbox outbox;

    /** The account store under test reading {@code clock}, and the outbox of the same database. */
    protected abstract AccountsWithOutbox stores(Clock clock);

    @BeforeEach
    void adapters() {
        AccountsWithOutbox s = stores(Clock.fixed(T0, ZoneOffset.UTC));
        accounts = s.accounts();
        outbox = s.outbox();
    }

    @Test
    void createdAccount_roundTripsByIdAddressAndTokenHash_withItsSealedKeys() {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        accounts.create(a, registration(a));

        assertThat(accounts.find(a.account().id())).get().usingRecursiveComparison().isEqualTo(a.account());
        assertThat(accounts.findByAddress(a.account().address())).get().usingRecursiveComparison()
                .isEqualTo(a.account());
        assertThat(accounts.findByApiTokenHash(a.apiTokenHash())).get().usingRecursiveComparison()
                .isEqualTo(a.account());
        var keys = accounts.sealedKeys(a.account().id()).orElseThrow();
        assertThat(keys.signingPrivateKey()).isEqualTo(a.keys().sealedSigningPrivateKey());
        assertThat(keys.encryptionPrivateKey()).isEqualTo(a.keys().sealedEncryptionPrivateKey());
        assertThat(accounts.custodyOf(a.account().id())).isEqualTo(CustodyMode.AGENT);
    }

    @Test
    void findAll_byIdsAndByAddresses_returnsTheKnownAccountsInOneRead() {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        NewAccount b = newAccount(AccountKind.HOSPITAL, T0);
        accounts.create(a, registration(a));
        accounts.create(b, registration(b));
        Account alice = a.account();
        Account hospital = b.account();

        Map<AccountId, Account> byId = accounts.findAll(List.of(alice.id(), hospital.id(), AccountId.random(),
                alice.id()));
        Map<EvmAddress, Account> byAddress = accounts.findAllByAddress(List.of(hospital.address(),
                newAccount(AccountKind.PATIENT, T0).account().address()));

        assertThat(byId).containsOnlyKeys(alice.id(), hospital.id());
        assertThat(byId.get(alice.id())).usingRecursiveComparison().isEqualTo(accounts.find(alice.id()).orElseThrow());
        assertThat(byAddress).containsOnlyKeys(hospital.address());
        assertThat(byAddress.get(hospital.address()).id()).isEqualTo(hospital.id());
        assertThat(accounts.findAll(List.of())).isEmpty();
        assertThat(accounts.findAllByAddress(List.of())).isEmpty();
    }

    @Test
    void unknownAccount_isAbsent() {
        AccountId nobody = AccountId.random();
        assertThat(accounts.find(nobody)).isEmpty();
        assertThat(accounts.sealedKeys(nobody)).isEmpty();
        assertThat(accounts.findByApiTokenHash(hash())).isEmpty();
        assertThat(accounts.isRegistered(nobody)).isFalse();
        assertThat(accounts.custodyOf(nobody)).isEqualTo(CustodyMode.AGENT);
    }

    @Test
    void createAccount_enqueuesItsRegistrationInTheSameTransaction() {
        NewAccount a = newAccount(AccountKind.HOSPITAL, T0);
        accounts.create(a, registration(a));

        assertThat(outbox.due(OutboxKinds.REGISTER_ACCOUNT, 1000, T0))
                .anySatisfy(e -> assertThat(e.message()).isEqualTo(registration(a)));
    }

    @Test
    void duplicateAddress_isRejected_andLeavesNoRegistrationBehind() {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        accounts.create(a, registration(a));
        NewAccount clash = new NewAccount(new Account(AccountId.random(),
                AccountKind.PATIENT, "clash", a.account().address(), "did:x", new byte[32], T0), a.keys(),
                hash());

        assertThatThrownBy(() -> accounts.create(clash, registration(clash))).isInstanceOf(SalusException.class);
        assertThat(accounts.find(clash.account().id())).isEmpty();
        assertThat(outbox.due(OutboxKinds.REGISTER_ACCOUNT, 1000, T0))
                .noneSatisfy(e -> assertThat(e.message().idempotencyKey()).isEqualTo(clash.account().id().toString()));
    }

    @Test
    void list_filtersByKind() {
        NewAccount pharmacy = newAccount(AccountKind.PHARMACY, T0);
        NewAccount consumer = newAccount(AccountKind.CONSUMER, T0.plusSeconds(1));
        accounts.create(pharmacy, registration(pharmacy));
        accounts.create(consumer, registration(consumer));

        assertThat(accounts.list(Optional.of(AccountKind.PHARMACY))).extracting(a -> a.id())
                .contains(pharmacy.account().id()).doesNotContain(consumer.account().id());
        assertThat(accounts.list(Optional.empty())).extracting(a -> a.id())
                .contains(pharmacy.account().id(), consumer.account().id());
    }

    @Test
    void markRegistered_makesTheAccountRegistered() {
        NewAccount a = newAccount(AccountKind.PHYSICIAN, T0);
        accounts.create(a, registration(a));
        assertThat(accounts.isRegistered(a.account().id())).isFalse();

        accounts.markRegistered(a.account().id(), "0x" + "ab".repeat(32));

        assertThat(accounts.isRegistered(a.account().id())).isTrue();
    }

    @Test
    void markAllRegistered_marksEveryAccountOfTheBatch_andRefusesAnUnknownOne() {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        NewAccount b = newAccount(AccountKind.PATIENT, T0);
        accounts.create(a, registration(a));
        accounts.create(b, registration(b));

        accounts.markAllRegistered(Map.of(a.account().id(), "0x" + "01".repeat(32), b.account().id(),
                "0x" + "02".repeat(32)));

        assertThat(accounts.isRegistered(a.account().id())).isTrue();
        assertThat(accounts.isRegistered(b.account().id())).isTrue();
        assertThatThrownBy(() -> accounts.markAllRegistered(Map.of(newAccount(AccountKind.PATIENT, T0).account().id(),
                "0x" + "03".repeat(32)))).isInstanceOf(SalusException.class);
    }

    @Test
    void linkProvider_isIdempotent_andDirectional() {
        NewAccount patient = newAccount(AccountKind.PATIENT, T0);
        NewAccount doctor = newAccount(AccountKind.PHYSICIAN, T0);
        accounts.create(patient, registration(patient));
        accounts.create(doctor, registration(doctor));
        AccountId p = patient.account().id();
        AccountId d = doctor.account().id();
        assertThat(accounts.caresFor(d, p)).isFalse();

        accounts.linkProvider(p, d);
        accounts.linkProvider(p, d);

        assertThat(accounts.caresFor(d, p)).isTrue();
        assertThat(accounts.caresFor(p, d)).isFalse();
    }
}
