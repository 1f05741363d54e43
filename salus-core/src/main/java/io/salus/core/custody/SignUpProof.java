package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The digest a device signs with its new wallet key to open a self-custodied account: it proves possession of the
 * address and binds the X25519 public key to it, so no one can open an account on another's wallet or swap in their
 * own encryption key. {@code keccak256("salus-self-custody-v1" ‖ chainId (8 bytes, big-endian) ‖ address (20) ‖
 * encryptionPublicKey (32))}, signed as is (no EIP-191 prefix).
 */
public final class SignUpProof {
    private static final byte[] DOMAIN = "salus-self-custody-v1".getBytes(StandardCharsets.US_ASCII);

    private SignUpProof() {
    }

    public static Hash32 digest(long chainId, EvmAddress address, byte[] encryptionPublicKey) {
        return Hashing.keccak256(DOMAIN, ByteBuffer.allocate(8).putLong(chainId).array(),
                HexFormat.of().parseHex(address.hex().substring(2)), encryptionPublicKey);
    }
}
