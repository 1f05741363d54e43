package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.recovery.EvmRecoveryLedger;
import io.salus.chain.recovery.RecoveryDeployment;
import io.salus.core.recovery.RecoveryCancellation;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryService;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.TinkRecoveryKeys;
import io.salus.store.PostgresRecoveryStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires guardian key recovery: GuardianRecovery (deployed by the relayer on first start with the waiting period, its
 * address in {@code <data dir>/guardian-recovery.json}), the PostgreSQL store, the recovery keys on the node's KEK, and
 * the completion and cancellation with the node's own waiting period.
 */
record RecoveryWiring(RecoveryService service, RecoveryCompletion completion, RecoveryCancellation cancellation,
        EvmRecoveryLedger ledger) {

    /** @param waitingPeriod the node's waiting period, and the contract's when it is deployed now */
    static RecoveryWiring wire(Storage storage, EvmLedger ledger, TinkKeyManager keys, Path dataDir, Clock clock,
            SecureRandom random, Duration waitingPeriod) {
        EvmRecoveryLedger chain = EvmRecoveryLedger.on(ledger,
                RecoveryDeployment.ensureDeployed(ledger, dataDir.resolve("guardian-recovery.json"), waitingPeriod));
        PostgresRecoveryStore store = new PostgresRecoveryStore(storage.jdbi());
        TinkRecoveryKeys recoveryKeys = TinkRecoveryKeys.of(keys);
        RecoveryService service = new RecoveryService(storage.accounts(), keys, new EvmSigner(), recoveryKeys, chain,
                store, clock, random, waitingPeriod);
        return new RecoveryWiring(service, new RecoveryCompletion(storage.accounts(), recoveryKeys, chain, store,
                clock, waitingPeriod), new RecoveryCancellation(storage.accounts(), chain, store, clock), chain);
    }
}
