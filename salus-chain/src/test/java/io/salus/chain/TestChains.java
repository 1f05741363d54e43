package io.salus.chain;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The anvil of salus-contracts's node_modules and a fixed relayer key, for the engine's own tests (restarts, crashes,
 * bursts, contract upgrades) and the zk contract tests, which start chains of their own. The adapters' tests run in
 * salus-testkit on its shared chain.
 */
public final class TestChains {
    public static final byte[] RELAYER_KEY = Hashing.keccak256("salus test relayer".getBytes(StandardCharsets.UTF_8))
            .bytes();

    private TestChains() {
    }

    public static Path anvil() {
        String prop = System.getProperty("salus.anvil");
        Path p = prop != null
                ? Path.of(prop)
                : Path.of("../salus-contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not found at " + p.toAbsolutePath()
                    + ": build salus-contracts first (its build runs npm ci)");
        }
        return p;
    }

    public static LocalChainConfig config(Path dir) {
        String mining = System.getProperty("salus.mining");
        LocalChainConfig c = LocalChainConfig.of(dir, anvil());
        return mining == null ? c : c.withMining(LocalChainConfig.Mining.valueOf(mining));
    }

    /** A started chain with the contracts deployed and a ledger on it. */
    public record Node(LocalChain chain, ContractAddresses contracts, EvmLedger ledger) implements AutoCloseable {
        public static Node start(LocalChainConfig config) {
            LocalChain chain = LocalChain.start(config);
            ContractAddresses contracts = ContractDeployment.ensureDeployed(chain, RELAYER_KEY);
            EvmLedger ledger = EvmLedger.connect(EvmLedgerConfig.local(chain, RELAYER_KEY, contracts));
            return new Node(chain, contracts, ledger);
        }

        @Override
        public void close() {
            ledger.close();
            chain.close();
        }
    }

    static Hash32 hash(String s) {
        return Hashing.keccak256(s.getBytes(StandardCharsets.UTF_8));
    }
}
