package io.salus.chain.consent;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A local anvil with every contract deployed, the EvmLedger and the EvmConsentLedger on it, and signing helpers. */
record ConsentFixture(LocalChain chain, ContractAddresses contracts, EvmLedger ledger, EvmConsentLedger consent,
        Rpc rpc, ChainReads reads) implements AutoCloseable {
    static final byte[] RELAYER_KEY = key("salus test relayer");
    static final EvmSigner SIGNER = new EvmSigner();

    static ConsentFixture start(Path dir) {
        LocalChain chain = LocalChain.start(LocalChainConfig.of(dir, anvil()));
        ContractAddresses contracts = ContractDeployment.ensureDeployed(chain, RELAYER_KEY);
        EvmLedger ledger = EvmLedger.connect(EvmLedgerConfig.local(chain, RELAYER_KEY, contracts));
        Rpc rpc = Rpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
        return new ConsentFixture(chain, contracts, ledger, EvmConsentLedger.on(ledger), rpc,
                new ChainReads(rpc, ledger.relayer().hex()));
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

    static Instant inAnHour() {
        return Instant.ofEpochSecond(Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
    }

    /** The payload signed by {@code key} with its next nonce and a deadline in an hour. */
    <T> Signed<T> sign(T payload, byte[] key) {
        return sign(payload, key, consent.nextNonce(address(key), payload.getClass()), inAnHour());
    }

    <T> Signed<T> sign(T payload, byte[] key, long nonce, Instant deadline) {
        Signed<T> unsigned = new Signed<>(payload, address(key), nonce, deadline, new byte[0]);
        return withSignature(unsigned, SIGNER.sign(consent.digest(unsigned), key));
    }

    static <T> Signed<T> withSignature(Signed<T> s, byte[] signature) {
        return new Signed<>(s.payload(), s.signer(), s.nonce(), s.deadline(), signature);
    }

    /** The custom error the contract reverts with when called directly (no pre-flight), empty if it accepts. */
    Optional<String> revertOf(EvmAddress contract, String data) {
        return reads.revertData(contract, data).map(d -> Reverts.name(d).orElse("unknown revert " + d));
    }

    @Override
    public void close() {
        rpc.close();
        ledger.close();
        chain.close();
    }
}
