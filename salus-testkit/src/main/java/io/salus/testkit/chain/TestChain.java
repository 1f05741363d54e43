package io.salus.testkit.chain;

import io.salus.chain.ContractAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.LocalChain;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.internal.Rpc;
import io.salus.chain.recovery.EvmRecoveryLedger;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.data.KeySpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A test class's view of the shared chain: the shared {@link Deployment}, fresh deployments of its own, and a key space
 * of its own ({@link #key}, {@link #id}: derived from the class's random salt, so the same name in two classes is two
 * different keys). Times come from the chain ({@link #now}). Thread-safe.
 */
public final class TestChain implements AutoCloseable {
    private final SharedChain shared;
    private final KeySpace keys;
    private final List<Deployment> fresh = new ArrayList<>();

    TestChain(SharedChain shared, KeySpace keys) {
        this.shared = shared;
        this.keys = keys;
    }

    /** The contracts deployed once for the JVM, and the adapters on them. */
    public Deployment deployment() {
        return shared.deployment();
    }

    /**
     * Every contract deployed again by a new relayer, for this class alone (for invariants over a contract's whole
     * state); closed with the class.
     */
    public synchronized Deployment freshDeployment() {
        Deployment d = shared.freshDeployment();
        fresh.add(d);
        return d;
    }

    public EvmLedger ledger() {
        return deployment().ledger();
    }

    public EvmConsentLedger consent() {
        return deployment().consent();
    }

    public EvmDealLedger deals() {
        return deployment().deals();
    }

    public EvmRecoveryLedger recovery() {
        return deployment().recovery();
    }

    public ContractAddresses contracts() {
        return deployment().contracts();
    }

    public LocalChain local() {
        return shared.chain();
    }

    public Rpc rpc() {
        return shared.rpc();
    }

    public long chainId() {
        return shared.chain().chainId();
    }

    /** This class's secp256k1 private key called {@code name}. */
    public byte[] key(String name) {
        return keys.key(name);
    }

    /** The address of this class's key called {@code name}. */
    public EvmAddress address(String name) {
        return keys.address(name);
    }

    public static EvmAddress address(byte[] key) {
        return KeySpace.address(key);
    }

    /** This class's 32-byte id called {@code name} (batch keys, deal ids, hashes). */
    public Hash32 id(String name) {
        return keys.id(name);
    }

    /** The latest block's time. */
    public Instant now() {
        Rpc rpc = rpc();
        return Instant.ofEpochSecond(rpc.call("eth_getBlockByNumber", () -> rpc.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp())
                .longValueExact());
    }

    /** Now on the chain plus an hour, whole seconds: a signature deadline. */
    public Instant inAnHour() {
        return now().plusSeconds(3600);
    }

    /** Moves the chain's clock forward (for every class: time is shared) and mines a block. */
    public void travel(long seconds) {
        try {
            rpc().raw("evm_increaseTime", List.of(seconds));
            rpc().raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of transactions {@code account} has had mined. */
    public long nonceOf(EvmAddress account) {
        Rpc rpc = rpc();
        return rpc.call("eth_getTransactionCount", () -> rpc.web3j()
                .ethGetTransactionCount(account.hex(), DefaultBlockParameterName.LATEST).send().getTransactionCount())
                .longValueExact();
    }

    /**
     * The number of transactions {@code account} has sent, mined or pending. "Nothing was sent" is judged by it, never
     * by the head block, which the chain advances every second on its own.
     */
    public long sentBy(EvmAddress account) {
        Rpc rpc = rpc();
        return rpc.call("eth_getTransactionCount", () -> rpc.web3j()
                .ethGetTransactionCount(account.hex(), DefaultBlockParameterName.PENDING).send().getTransactionCount())
                .longValueExact();
    }

    /** Gives an account plenty of ether. */
    public void fund(EvmAddress account) {
        local().fund(account);
    }

    /** Signs consent instructions for the shared deployment's consent contracts. */
    public ConsentSigner signer() {
        return new ConsentSigner(consent(), this::now);
    }

    @Override
    public synchronized void close() {
        fresh.forEach(Deployment::close);
        fresh.clear();
    }

    @Override
    public String toString() {
        return "TestChain[" + shared.chain().rpcUrl() + ", " + keys + "]";
    }
}
