package io.salus.core.device;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a device signs for a batch of readings: its id, the batch's sequence number (1, 2, 3, ... per device), the time
 * range the readings fall in, the hashes of the readings in order, and the Ed25519 signature over
 * {@link #signedBytes()}. The hash list doubles as the batch's Merkle leaves.
 */
public record SignedBatch(DeviceId device, long sequence, Instant from, Instant to, List<Hash32> readingHashes,
        Ed25519Signature signature) {

    public SignedBatch {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(signature, "signature");
        readingHashes = List.copyOf(readingHashes);
    }

    /** The canonical bytes the signature is over ({@link BatchEncoding#signedBytes}). */
    public byte[] signedBytes() {
        return BatchEncoding.signedBytes(device, sequence, from, to, readingHashes);
    }

    /**
     * SHA-256 of the signed bytes: the batch's content, the same for every copy of it whatever signature bytes it
     * carries. Duplicates are recognised by it.
     */
    public Hash32 contentDigest() {
        return Hashing.sha256(signedBytes());
    }
}
