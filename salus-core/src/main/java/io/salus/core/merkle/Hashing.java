package io.salus.core.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** The hash functions of record anchoring. Stateless and thread-safe. */
public final class Hashing {
    private Hashing() {
    }

    public static Hash32 keccak256(byte[]... parts) {
        KeccakDigest d = new KeccakDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return Hash32.of(out);
    }

    public static Hash32 sha256(byte[] data) {
        try {
            return Hash32.of(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * The leaf of a record: {@code keccak256(keccak256(salt ‖ sha256(plaintext)))}, as OpenZeppelin's
     * StandardMerkleTree hashes an {@code abi.encode(bytes32, bytes32)} leaf. Without the salt the leaf says nothing
     * about the content; with salt and record, anyone can recompute it.
     */
    public static Hash32 recordLeaf(Hash32 salt, Hash32 contentHash) {
        return keccak256(keccak256(salt.bytes(), contentHash.bytes()).bytes());
    }

    /** An inner node: keccak256 of the two children in ascending order (OpenZeppelin commutativeKeccak256). */
    public static Hash32 node(Hash32 a, Hash32 b) {
        return a.compareTo(b) <= 0 ? keccak256(a.bytes(), b.bytes()) : keccak256(b.bytes(), a.bytes());
    }
}
