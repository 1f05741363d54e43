package io.salus.core.deal;

import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import java.util.Objects;

/**
 * A delivery built before settlement and fixed for every settlement attempt: the hashes of the de-identified package
 * (keccak-256 of the plaintext zip) and of its staged ciphertext (SHA-256), its size and patient count, its content key
 * sealed under the KEK, and that key wrapped to the consumer (HPKE), which only the closing settlement transaction puts
 * on chain. Immutable.
 */
public record StagedPackage(Hash32 plaintextKeccak, Hash32 ciphertextSha256, long bytes, int patients,
        byte[] sealedContentKey, byte[] wrappedKey) {
    public StagedPackage {
        Objects.requireNonNull(plaintextKeccak, "plaintextKeccak");
        Objects.requireNonNull(ciphertextSha256, "ciphertextSha256");
        sealedContentKey = sealedContentKey.clone();
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] sealedContentKey() {
        return sealedContentKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    public PackageHashes hashes() {
        return new PackageHashes(plaintextKeccak, ciphertextSha256);
    }

    /** The KEK purpose a deal's content key is sealed for. */
    public static String contentKeyPurpose(Hash32 dealId) {
        return "deal-content-key|" + dealId.hex();
    }
}
