package io.salus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresFederatedPartStoreTest {

    static EvmAddress address(String name) {
        return EvmAddress.of(java.util.Arrays.copyOf(hash(name).bytes(), 20));
    }

    static Hash32 hash(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPartsPayouts_comeBackFromTheirTextForm_withTheSameLeaves() {
        Hash32 deal = hash("deal");
        List<Payout> payouts = List.of(
                new Payout(hash("p1"), address("claim 1"), Optional.empty(), List.of()),
                new Payout(hash("p2"), address("claim 2"), Optional.of(address("carer 2")), List.of(
                        new ProviderShare(address("hospital"), 3), new ProviderShare(address("lab"), 1))));

        List<Payout> back = PostgresFederatedPartStore.decode(PostgresFederatedPartStore.encode(payouts));

        assertThat(back).isEqualTo(payouts);
        assertThat(back.stream().map(p -> p.leaf(deal)).toList())
                .isEqualTo(payouts.stream().map(p -> p.leaf(deal)).toList());
        assertThat(PostgresFederatedPartStore.decode(PostgresFederatedPartStore.encode(List.of()))).isEmpty();
    }
}
