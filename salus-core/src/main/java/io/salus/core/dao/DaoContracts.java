package io.salus.core.dao;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/**
 * Where one patient data DAO lives on chain: its soulbound membership, its marketplace policy, its governor and its
 * timelock (which executes passed proposals and is the DAO's treasury).
 */
public record DaoContracts(EvmAddress membership, EvmAddress policy, EvmAddress governor, EvmAddress timelock) {
    public DaoContracts {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(governor, "governor");
        Objects.requireNonNull(timelock, "timelock");
    }

    /** The treasury: the timelock holds the DAO's share of every deal its members are paid in. */
    public EvmAddress treasury() {
        return timelock;
    }
}
