package io.salus.testkit.data;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Named keys, addresses and ids derived from a random salt: the same name gives the same value within one key space
 * and different values in two, so tests sharing a chain never meet each other's signers, nonces, grants or deals.
 * Thread-safe (immutable).
 */
public final class KeySpace {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String salt;

    private KeySpace(String salt) {
        this.salt = salt;
    }

    /** A key space with a fresh random salt. */
    public static KeySpace random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new KeySpace(HexFormat.of().formatHex(b));
    }

    /** The secp256k1 private key called {@code name}. */
    public byte[] key(String name) {
        return derive("key|" + name).bytes();
    }

    /** The address of the key called {@code name}. */
    public EvmAddress address(String name) {
        return address(key(name));
    }

    public static EvmAddress address(byte[] key) {
        return EvmSigner.addressOf(key);
    }

    /** The 32-byte id called {@code name} (batch keys, deal ids, hashes). */
    public Hash32 id(String name) {
        return derive("id|" + name);
    }

    private Hash32 derive(String label) {
        return Hashing.keccak256((salt + "|" + label).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "KeySpace[" + salt.substring(0, 4) + "..]";
    }
}
