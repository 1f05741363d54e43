package io.salus.core.custody;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.record.RecordId;
import java.util.Map;

/**
 * What taking custody writes in one transaction: the account's new address, DID and X25519 public key, every record's
 * data key re-wrapped to that key, the node's private keys deleted, and the outbox messages that rotate the identity on
 * chain (signed by the old key before it was deleted) and register the new address.
 */
public record TakeOver(AccountId account, EvmAddress oldAddress, EvmAddress newAddress, String newDid,
        byte[] newEncryptionPublicKey, Map<RecordId, byte[]> rewrapped, OutboxMessage rotation,
        OutboxMessage registration) {
    public TakeOver {
        rewrapped = Map.copyOf(rewrapped);
    }
}
