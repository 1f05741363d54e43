package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;

/**
 * Where federated deals' escrows live (decision 0035): the escrow this node opens its consumers' deals on, and the
 * escrow at an address another node named, accepted only if it is a FederatedDeals contract bound to this alliance's
 * registry, payment token, split policy and treasury ({@code FDEAL_UNKNOWN_ESCROW} otherwise). Thread-safe.
 */
public interface FederatedDealLedgers {

    /** This node's own escrow (deployed on first use). */
    FederatedDealLedger own();

    Result<FederatedDealLedger> at(EvmAddress contract);
}
