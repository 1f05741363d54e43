package io.salus.testkit.chain;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.recovery.EvmRecoveryLedger;
import io.salus.chain.recovery.RecoveryDeployment;
import io.salus.core.account.EvmAddress;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Every contract deployed by one relayer (a random key, funded), which owns them and signs every transaction the
 * adapters send, with the production adapters on it: {@link EvmLedger}, {@link EvmConsentLedger},
 * {@link EvmDealLedger} and (deployed on first use) {@link EvmRecoveryLedger}. Thread-safe.
 */
public final class Deployment implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalChain chain;
    private final Path dir;
    private final byte[] relayerKey;
    private final ContractAddresses contracts;
    private final EvmLedger ledger;
    private final EvmConsentLedger consent;
    private final EvmDealLedger deals;
    private EvmRecoveryLedger recovery;

    private Deployment(LocalChain chain, Path dir, byte[] relayerKey, ContractAddresses contracts, EvmLedger ledger) {
        this.chain = chain;
        this.dir = dir;
        this.relayerKey = relayerKey;
        this.contracts = contracts;
        this.ledger = ledger;
        this.consent = EvmConsentLedger.on(ledger);
        this.deals = deals(ledger, chain, EvmDealLedger.DEFAULT_CHUNK);
    }

    /** Deploys every contract with a new relayer; {@code dir} keeps the recovery contract's address file. */
    static Deployment deploy(LocalChain chain, Path dir) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        chain.fund(EvmSigner.addressOf(key));
        ContractAddresses contracts = ContractDeployment.deploy(chain.rpcUrl(), chain.chainId(), key);
        return new Deployment(chain, dir, key, contracts,
                EvmLedger.connect(EvmLedgerConfig.local(chain, key, contracts)));
    }

    private static EvmDealLedger deals(EvmLedger ledger, LocalChain chain, int chunkSize) {
        return EvmDealLedger.on(ledger, chain::fund, chunkSize);
    }

    public byte[] relayerKey() {
        return relayerKey.clone();
    }

    public EvmAddress relayer() {
        return ledger.relayer();
    }

    public ContractAddresses contracts() {
        return contracts;
    }

    public EvmLedger ledger() {
        return ledger;
    }

    public EvmConsentLedger consent() {
        return consent;
    }

    /** The deal ledger, settling in chunks of {@link EvmDealLedger#DEFAULT_CHUNK}. */
    public EvmDealLedger deals() {
        return deals;
    }

    /** A deal ledger on the same contracts settling in chunks of {@code chunkSize} patients. */
    public EvmDealLedger deals(int chunkSize) {
        return deals(ledger, chain, chunkSize);
    }

    /** The recovery ledger; GuardianRecovery is deployed by this relayer on first use. */
    public synchronized EvmRecoveryLedger recovery() {
        if (recovery == null) {
            recovery = EvmRecoveryLedger.on(ledger, RecoveryDeployment.ensureDeployed(ledger,
                    dir.resolve("guardian-recovery-" + relayer().hex() + ".json")));
        }
        return recovery;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
