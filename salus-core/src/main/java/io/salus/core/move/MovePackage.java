package io.salus.core.move;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.util.Comparator;
import java.util.List;

/**
 * A patient's bank as the node they leave exports it to the node they move to (sealed to that node's key before it
 * leaves). {@link #root()} is the Merkle root of the records' leaves in record-id order: with {@link #count()} it is
 * what the receiving node acknowledges and what the leaving node checks before it erases anything.
 */
public record MovePackage(EvmAddress from, EvmAddress to, MovedAccount account, List<MovedRecord> records) {
    public MovePackage {
        records = records.stream().sorted(Comparator.comparing(r -> r.id().value())).toList();
    }

    public int count() {
        return records.size();
    }

    public Hash32 root() {
        return rootOf(records.stream().map(MovedRecord::leaf).toList());
    }

    /** The root of leaves listed in record-id order; {@link Hash32#ZERO} for none. */
    public static Hash32 rootOf(List<Hash32> leaves) {
        return leaves.isEmpty() ? Hash32.ZERO : MerkleTree.of(leaves).root();
    }
}
