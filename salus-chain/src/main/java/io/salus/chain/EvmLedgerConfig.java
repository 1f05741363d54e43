package io.salus.chain;

import io.salus.core.port.InstanceLocks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a chain: its RPC URL and id, the relayer's 32-byte secp256k1 private key (it pays for and signs every
 * transaction), the contract addresses, the journal signed transactions go to ({@link TxJournal#none()} for external
 * chains), how long a write may take before the chain counts as unavailable, and, when several instances of a node
 * sign with the same keys, the locks they agree on nonces with (decision 0031).
 */
public record EvmLedgerConfig(String rpcUrl, long chainId, byte[] relayerKey, ContractAddresses contracts,
        TxJournal journal, Duration txTimeout, Optional<InstanceLocks> sharedNonces) {
    public EvmLedgerConfig {
        Objects.requireNonNull(sharedNonces, "sharedNonces");
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(relayerKey, "relayerKey");
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(txTimeout, "txTimeout");
        if (relayerKey.length != 32) {
            throw new IllegalArgumentException("the relayer key is 32 bytes");
        }
        relayerKey = relayerKey.clone();
    }

    /** A config with a two-minute transaction timeout. */
    public static EvmLedgerConfig of(String rpcUrl, long chainId, byte[] relayerKey, ContractAddresses contracts,
            TxJournal journal) {
        return new EvmLedgerConfig(rpcUrl, chainId, relayerKey, contracts, journal, Duration.ofMinutes(2),
                Optional.empty());
    }

    /** This config, with nonces agreed through {@code locks} among the node's instances. */
    public EvmLedgerConfig sharedBy(InstanceLocks locks) {
        return new EvmLedgerConfig(rpcUrl, chainId, relayerKey, contracts, journal, txTimeout, Optional.of(locks));
    }

    /** A config for a node-managed {@link LocalChain}: its URL, id and journal. */
    public static EvmLedgerConfig local(LocalChain chain, byte[] relayerKey, ContractAddresses contracts) {
        return of(chain.rpcUrl(), chain.chainId(), relayerKey, contracts, chain.journal());
    }

    @Override
    public byte[] relayerKey() {
        return relayerKey.clone();
    }

    @Override
    public String toString() {
        return "EvmLedgerConfig[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", contracts=" + contracts + "]";
    }
}
