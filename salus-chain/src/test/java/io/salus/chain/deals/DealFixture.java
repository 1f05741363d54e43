package io.salus.chain.deals;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A local anvil with every contract deployed, the EvmLedger and the EvmDealLedger on it, and chain helpers. */
record DealFixture(LocalChain chain, ContractAddresses contracts, EvmLedger ledger, EvmDealLedger deals, Rpc rpc)
        implements
            AutoCloseable {
    static final byte[] RELAYER_KEY = key("salus test relayer");
    static final Split SPLIT = new Split(6_000, 2_000, 1_000, 500, 500);

    static DealFixture start(Path dir, int chunkSize) {
        LocalChain chain = LocalChain.start(LocalChainConfig.of(dir, anvil()));
        ContractAddresses contracts = ContractDeployment.ensureDeployed(chain, RELAYER_KEY);
        EvmLedger ledger = EvmLedger.connect(EvmLedgerConfig.local(chain, RELAYER_KEY, contracts));
        EvmDealLedger deals = EvmDealLedger.on(ledger, chain::fund, chunkSize);
        return new DealFixture(chain, contracts, ledger, deals, Rpc.connect(chain.rpcUrl(), Duration.ofSeconds(30)));
    }

    static Path anvil() {
        String prop = System.getProperty("salus.anvil");
        Path p = prop != null
                ? Path.of(prop)
                : Path.of("../salus-contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not found at " + p.toAbsolutePath());
        }
        return p;
    }

    static byte[] key(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    static EvmAddress address(byte[] key) {
        return EvmSigner.addressOf(key);
    }

    static EvmAddress address(String name) {
        return address(key(name));
    }

    static Hash32 id(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Terms with the deadline {@code seconds} after the chain's latest block. */
    DealTerms terms(long price, int maxPatients, long seconds) {
        return new DealTerms(id("criteria"), 0b110, Purpose.HRESCH, price, maxPatients,
                deals.now().plusSeconds(seconds), SPLIT);
    }

    /** A consumer key holding {@code amount} units. */
    byte[] consumer(String name, long amount) {
        byte[] k = key(name);
        deals.mint(address(k), amount);
        return k;
    }

    /** Moves the chain's clock forward and mines a block. */
    void travel(long seconds) {
        try {
            rpc.raw("evm_increaseTime", List.of(seconds));
            rpc.raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure code a direct call of DataDeals from {@code from} reverts with (no pre-flight), if it reverts. */
    Optional<ErrorCode> revertOf(EvmAddress from, String data) {
        return new ChainReads(rpc, from.hex()).revertData(contracts.deals().orElseThrow().dataDeals(), data)
                .map(d -> Reverts.DEALS.code(d).orElseThrow(() -> new AssertionError("unknown revert " + d)));
    }

    @Override
    public void close() {
        rpc.close();
        ledger.close();
        chain.close();
    }
}
