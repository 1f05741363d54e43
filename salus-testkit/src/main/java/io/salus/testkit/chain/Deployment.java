package io.salus.testkit.chain;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.DealRoles;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.consent.EvmConsentLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.deals.EvmDealAdmin;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.chain.recovery.EvmRecoveryLedger;
import io.salus.chain.recovery.RecoveryDeployment;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Every contract deployed by one relayer (a random key, funded), which owns them and signs every transaction the
 * adapters send, with the production adapters on it: {@link EvmLedger}, {@link EvmConsentLedger},
 * {@link EvmDealLedger} and (deployed on first use) {@link EvmRecoveryLedger}. The deal contracts are administered
 * as a node's are: the relayer is the matcher only, a random admin key of this deployment proposes and executes on the
 * DealTimelock ({@link #TIMELOCK_DELAY}), and the DAO treasury and operator payees are addresses of their own
 * ({@link #roles()}). Thread-safe.
 */
public final class Deployment implements AutoCloseable {
    /** The deal contracts' timelock delay: an admin change takes effect a minute (of chain time) after scheduling. */
    public static final Duration TIMELOCK_DELAY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalChain chain;
    private final Path dir;
    private final byte[] relayerKey;
    private final byte[] adminKey;
    private final DealRoles roles;
    private final ContractAddresses contracts;
    private final EvmLedger ledger;
    private final EvmConsentLedger consent;
    private final EvmDealLedger deals;
    private EvmRecoveryLedger recovery;

    private Deployment(LocalChain chain, Path dir, byte[] relayerKey, byte[] adminKey, DealRoles roles,
            ContractAddresses contracts, EvmLedger ledger) {
        this.chain = chain;
        this.dir = dir;
        this.relayerKey = relayerKey;
        this.adminKey = adminKey;
        this.roles = roles;
        this.contracts = contracts;
        this.ledger = ledger;
        this.consent = EvmConsentLedger.on(ledger);
        this.deals = deals(ledger, chain, EvmDealLedger.DEFAULT_CHUNK);
    }

    /** Deploys every contract with a new relayer; {@code dir} keeps the recovery contract's address file. */
    static Deployment deploy(LocalChain chain, Path dir) {
        byte[] key = randomKey();
        byte[] adminKey = randomKey();
        EvmAddress relayer = EvmSigner.addressOf(key);
        chain.fund(relayer);
        DealRoles roles = new DealRoles(relayer, EvmSigner.addressOf(adminKey), TIMELOCK_DELAY,
                payee(key, "dao treasury"), payee(key, "operator"), DealRoles.INITIAL_POLICY);
        ContractAddresses contracts = ContractDeployment.deploy(chain.rpcUrl(), chain.chainId(), key, roles);
        return new Deployment(chain, dir, key, adminKey, roles, contracts,
                EvmLedger.connect(EvmLedgerConfig.local(chain, key, contracts)));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A payee address of this deployment's own, derived from its relayer key. */
    private static EvmAddress payee(byte[] relayerKey, String role) {
        return EvmSigner.addressOf(Hashing.keccak256((EvmSigner.addressOf(relayerKey).hex() + "|" + role)
                .getBytes(StandardCharsets.UTF_8)).bytes());
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

    /** Who holds which role in the deal contracts, and the split policy they started with. */
    public DealRoles roles() {
        return roles;
    }

    /** The deal contracts' admin: changes scheduled on the timelock by this deployment's admin key. */
    public EvmDealAdmin dealAdmin() {
        return EvmDealAdmin.on(ledger, adminKey, chain::fund);
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
