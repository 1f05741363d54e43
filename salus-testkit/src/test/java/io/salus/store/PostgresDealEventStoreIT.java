package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.bytes;
import static io.salus.testkit.data.StoreFixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.Role;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.postgres.WithPostgres;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresDealEventStoreIT {
    PostgresDealEventStore store;
    final Hash32 deal = hash();
    final EvmAddress claim = EvmAddress.of(bytes(20));
    final EvmAddress hospital = EvmAddress.of(bytes(20));
    final EvmAddress consumer = EvmAddress.of(bytes(20));

    @BeforeEach
    void start(Database db) {
        store = new PostgresDealEventStore(db.jdbi());
        store.reset();
    }

    DealEvent.Paid paid(EvmAddress to, Role role, long amount, long block, int log) {
        return new DealEvent.Paid(deal, to, role, amount, "0xpaid" + block, block, log);
    }

    @Test
    void payments_areListedPerPayee_inChainOrder_andOtherPayeesAreNotShown() {
        store.apply(List.of(paid(claim, Role.PATIENT, 600, 5, 2), paid(hospital, Role.PROVIDER, 200, 5, 3),
                paid(claim, Role.CAREGIVER, 50, 4, 9)), 5);

        assertThat(store.paymentsTo(Set.of(claim))).extracting(DealEvent.Paid::amount).containsExactly(50L, 600L);
        assertThat(store.paymentsTo(Set.of(claim, hospital))).hasSize(3);
        assertThat(store.paymentsTo(Set.of(consumer))).isEmpty();
        assertThat(store.paymentsTo(Set.of())).isEmpty();
        assertThat(store.paymentsTo(Set.of(claim)).getFirst()).isEqualTo(paid(claim, Role.CAREGIVER, 50, 4, 9));
    }

    @Test
    void applyingTheSameBlocksAgain_storesEachEventOnce_andNeverMovesTheCursorBack() {
        List<DealEvent> events = List.of(paid(claim, Role.PATIENT, 600, 5, 2));
        store.apply(events, 8);
        store.apply(events, 6);

        assertThat(store.paymentsTo(Set.of(claim))).hasSize(1);
        assertThat(store.syncedBlock()).isEqualTo(8);
    }

    @Test
    void aKeyRelease_isFoundByItsDeal_withTheWrappedKeyIntact() {
        byte[] wrapped = bytes(97);
        Hash32 ciphertext = hash();
        store.apply(List.of(new DealEvent.KeyReleased(deal, ciphertext, wrapped, "0xkey", 12, 0),
                new DealEvent.CohortCommitted(deal, hash(), "0xroot", 11, 0)), 12);

        DealEvent.KeyReleased k = store.keyRelease(deal).orElseThrow();
        assertThat(k.wrappedKey()).isEqualTo(wrapped);
        assertThat(k.ciphertextHash()).isEqualTo(ciphertext);
        assertThat(k.block()).isEqualTo(12);
        assertThat(store.keyRelease(hash())).isEmpty();
    }

    @Test
    void refunds_areListedPerConsumer() {
        store.apply(List.of(new DealEvent.Refunded(deal, consumer, 2_600, "0xrefund", 20, 1)), 20);

        assertThat(store.refundsTo(consumer)).singleElement()
                .satisfies(r -> assertThat(r.amount()).isEqualTo(2_600));
        assertThat(store.refundsTo(claim)).isEmpty();
    }

    @Test
    void aReset_dropsTheProjectionAndItsCursor() {
        store.apply(List.of(paid(claim, Role.PATIENT, 600, 5, 2)), 5);
        store.reset();

        assertThat(store.syncedBlock()).isEqualTo(-1);
        assertThat(store.paymentsTo(Set.of(claim))).isEmpty();
    }

    @Test
    void oneBatchOfMixedEvents_isStoredWhole() {
        store.apply(List.of(paid(claim, Role.PATIENT, 600, 30, 0), new DealEvent.KeyReleased(deal, hash(), bytes(64),
                "0xkey", 30, 1), paid(hospital, Role.PROVIDER, 200, 30, 2),
                new DealEvent.Refunded(deal, consumer, 5,
                        "0xrefund", 31, 0),
                paid(claim, Role.CAREGIVER, 50, 31, 1)), 31);

        assertThat(store.paymentsTo(Set.of(claim, hospital))).hasSize(3);
        assertThat(store.keyRelease(deal)).isPresent();
        assertThat(store.refundsTo(consumer)).hasSize(1);
    }
}
