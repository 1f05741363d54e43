package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.List;
import java.util.Objects;

/** Where the deal contracts live on a chain: the PaymentToken and the DataDeals escrow. */
public record DealAddresses(EvmAddress paymentToken, EvmAddress dataDeals) {
    public DealAddresses {
        Objects.requireNonNull(paymentToken, "paymentToken");
        Objects.requireNonNull(dataDeals, "dataDeals");
    }

    public List<EvmAddress> all() {
        return List.of(paymentToken, dataDeals);
    }
}
