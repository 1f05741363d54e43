package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.custody.EvmIdentityRotation;
import io.salus.core.custody.DeviceGuardians;
import io.salus.core.custody.DeviceReads;
import io.salus.core.custody.DeviceRecovery;
import io.salus.core.custody.DeviceRecoveryCompletion;
import io.salus.core.custody.RotationWorker;
import io.salus.core.custody.SelfCustodySignUp;
import io.salus.core.custody.TakeCustody;
import io.salus.core.recovery.RecoveryStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.TinkRecoveryKeys;
import io.salus.node.http.DeviceRecoveryEndpoints;
import io.salus.store.PostgresCustodyStore;
import io.salus.store.PostgresRecoveryStore;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires self-custody (docs/custody.md): sign-up from device-held keys, the device's reads, taking custody (the old key
 * rotated on ConsentRegistry, data keys re-wrapped with the recovery key operations) and its rotation worker, and
 * guardian recovery of device-held keys (on GuardianRecovery, completed by the same rotation).
 */
record CustodyWiring(SelfCustodySignUp signUp, DeviceReads reads, TakeCustody take, RotationWorker rotations,
        DeviceRecoveryEndpoints.UseCases recovery) {

    static CustodyWiring wire(long chainId, Storage storage, EvmLedger ledger, TinkKeyManager keys,
            ConsentWiring consent, RecoveryWiring recovery, Clock clock, SecureRandom random) {
        PostgresCustodyStore store = new PostgresCustodyStore(storage.jdbi(), clock);
        EvmSigner signatures = new EvmSigner();
        EvmIdentityRotation rotation = EvmIdentityRotation.on(ledger);
        TakeCustody take = new TakeCustody(new TakeCustody.Ports(storage.accounts(), store, storage.records(), keys,
                TinkRecoveryKeys.of(keys), signatures, signatures::recover, rotation, consent.consents()), chainId,
                clock);
        RecoveryStore recoveries = new PostgresRecoveryStore(storage.jdbi());
        var devices = new DeviceRecoveryEndpoints.UseCases(
                new DeviceGuardians(storage.accounts(), recovery.ledger(), recoveries, signatures::recover, clock),
                new DeviceRecovery(storage.accounts(), recovery.ledger(), recoveries, recovery.service(), rotation,
                        signatures::recover, clock, random),
                new DeviceRecoveryCompletion(new DeviceRecoveryCompletion.Ports(storage.accounts(), store, recoveries,
                        recovery.ledger(), recovery.completion(), rotation, signatures::recover), chainId, clock),
                chainId, recovery.ledger().contract(), ledger.access().contracts().consent().orElseThrow()
                        .consentRegistry());
        return new CustodyWiring(new SelfCustodySignUp(store, storage.accounts(), signatures::recover, chainId, clock,
                random), new DeviceReads(storage.records(), store), take,
                new RotationWorker(storage.outbox(), rotation, clock), devices);
    }
}
