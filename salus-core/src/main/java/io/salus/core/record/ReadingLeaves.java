package io.salus.core.record;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of a record that carries individually provable readings (a device batch sealed as one record, decision
 * 0016). Reading {@code i} gets its own salt, derived from the record's salt, and a salted leaf like any record's:
 *
 * <pre>
 * readingSalt(i) = keccak256("salus:reading-salt:v1" ‖ record salt ‖ u32 i)
 * readingLeaf(i) = keccak256(keccak256(readingSalt(i) ‖ readingHash(i)))
 * record leaf    = Merkle root of [keccak256(keccak256(salt ‖ sha256(content))), readingLeaf(0), ..., readingLeaf(n-1)]
 * </pre>
 *
 * The record leaf goes into the anchor batch like any other; a reading's proof is its proof inside the record's tree
 * followed by the record's proof inside the batch, so it verifies against the anchored root with the contract's own
 * {@code verify}. Knowing one reading's salt reveals nothing of the record's salt or the other readings (keccak is
 * one-way). Stateless.
 */
public final class ReadingLeaves {
    private static final byte[] TAG = "salus:reading-salt:v1".getBytes(StandardCharsets.US_ASCII);

    private ReadingLeaves() {
    }

    public static Hash32 readingSalt(Hash32 recordSalt, int index) {
        return Hashing.keccak256(TAG, recordSalt.bytes(), ByteBuffer.allocate(4).putInt(index).array());
    }

    public static Hash32 readingLeaf(Hash32 recordSalt, int index, Hash32 readingHash) {
        return Hashing.recordLeaf(readingSalt(recordSalt, index), readingHash);
    }

    /** The salted leaves of the readings, in order. */
    public static List<Hash32> leaves(Hash32 recordSalt, List<Hash32> readingHashes) {
        List<Hash32> out = new ArrayList<>(readingHashes.size());
        for (int i = 0; i < readingHashes.size(); i++) {
            out.add(readingLeaf(recordSalt, i, readingHashes.get(i)));
        }
        return out;
    }

    /** The record's tree: its content leaf first, then the reading leaves. */
    public static MerkleTree tree(Hash32 salt, Hash32 contentHash, List<Hash32> readingLeaves) {
        List<Hash32> all = new ArrayList<>(readingLeaves.size() + 1);
        all.add(Hashing.recordLeaf(salt, contentHash));
        all.addAll(readingLeaves);
        return MerkleTree.of(all);
    }

    /** The record's leaf: the plain record leaf without readings, the root of its tree with them. */
    public static Hash32 recordLeaf(Hash32 salt, Hash32 contentHash, List<Hash32> readingLeaves) {
        return readingLeaves.isEmpty()
                ? Hashing.recordLeaf(salt, contentHash)
                : tree(salt, contentHash, readingLeaves).root();
    }
}
