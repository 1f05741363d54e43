package io.salus.core.usecase.deal;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.Payout;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DealDeliveryOrderTest {
    static final EvmAddress X = new EvmAddress("0x" + "1".repeat(40));
    static final EvmAddress Y = new EvmAddress("0x" + "2".repeat(40));

    static DealMember member(int index, Optional<EvmAddress> dao) {
        return new DealMember(index, Optional.empty(), Optional.empty(), new Payout(Hash32.of(new byte[32]),
                new EvmAddress("0x" + "3".repeat(40)), Optional.empty(), List.of(), dao));
    }

    @Test
    void settlementOrder_groupsPayoutsByDaoTreasury_defaultPayeeFirst_leafOrderWithinOne() {
        List<DealMember> members = List.of(member(0, Optional.of(Y)), member(1, Optional.of(X)),
                member(2, Optional.empty()), member(3, Optional.of(Y)), member(4, Optional.of(X)),
                member(5, Optional.empty()));

        List<Integer> order = members.stream().sorted(DealDelivery.BY_DAO).map(DealMember::index).toList();

        assertThat(order).containsExactly(2, 5, 1, 4, 0, 3);
    }
}
