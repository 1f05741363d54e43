package io.salus.core.account;

import java.time.Instant;
import java.util.Objects;

/**
 * An account of the bank. {@code encryptionPublicKey} is the X25519 HPKE public key records are wrapped to; the
 * secp256k1 key behind {@code address} signs on chain. Private halves never leave the key manager unencrypted.
 */
public record Account(AccountId id, AccountKind kind, String displayName, EvmAddress address, String did,
        byte[] encryptionPublicKey, Instant createdAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(encryptionPublicKey, "encryptionPublicKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
