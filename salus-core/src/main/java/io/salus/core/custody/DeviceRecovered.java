package io.salus.core.custody;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.RecordId;
import io.salus.core.recovery.RecoveryAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What completing a recovery to a new device writes in one transaction: the account's new address, DID, X25519 public
 * key and API token hash, every data key re-wrapped (on the device) to the new key, the retired guardian set dropped,
 * the recovery completed with its alerts, and the outbox messages that rotate the identity on chain (signed on the
 * device by the recovered old key) and register the new address. No private key is written.
 */
public record DeviceRecovered(UUID recoveryId, AccountId account, EvmAddress oldAddress, EvmAddress newAddress,
        String newDid, byte[] newEncryptionPublicKey, Map<RecordId, byte[]> rewrapped, Hash32 apiTokenHash,
        Instant at, List<RecoveryAlert> alerts, OutboxMessage rotation, OutboxMessage registration) {
    public DeviceRecovered {
        newEncryptionPublicKey = newEncryptionPublicKey.clone();
        rewrapped = Map.copyOf(rewrapped);
        alerts = List.copyOf(alerts);
    }
}
