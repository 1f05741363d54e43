package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The digest a device signs with its new wallet key to take custody of an agent-held account: it binds the old address,
 * the new one and the new X25519 public key. {@code keccak256("salus-take-custody-v1" ‖ chainId (8 bytes) ‖ old (20)
 * ‖ new (20) ‖ encryptionPublicKey (32))}, signed as is.
 */
public final class TakeCustodyProof {
    private static final byte[] DOMAIN = "salus-take-custody-v1".getBytes(StandardCharsets.US_ASCII);

    private TakeCustodyProof() {
    }

    public static Hash32 digest(long chainId, EvmAddress oldAddress, EvmAddress newAddress,
            byte[] encryptionPublicKey) {
        return Hashing.keccak256(DOMAIN, ByteBuffer.allocate(8).putLong(chainId).array(), bytes(oldAddress),
                bytes(newAddress), encryptionPublicKey);
    }

    private static byte[] bytes(EvmAddress a) {
        return HexFormat.of().parseHex(a.hex().substring(2));
    }
}
