package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where the deal contracts live on a chain: the PaymentToken, the DataDeals escrow, its DealPolicy and the
 * DealTimelock that administers both.
 */
public record DealAddresses(EvmAddress paymentToken, EvmAddress dataDeals, EvmAddress dealPolicy,
        EvmAddress timelock) {
    public DealAddresses {
        Objects.requireNonNull(paymentToken, "paymentToken");
        Objects.requireNonNull(dataDeals, "dataDeals");
        Objects.requireNonNull(dealPolicy, "dealPolicy");
        Objects.requireNonNull(timelock, "timelock");
    }

    public List<EvmAddress> all() {
        return List.of(paymentToken, dataDeals, dealPolicy, timelock);
    }
}
