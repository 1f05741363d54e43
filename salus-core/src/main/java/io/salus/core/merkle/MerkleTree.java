package io.salus.core.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary Merkle tree over leaves in the given order, with sorted-pair inner nodes so that proofs verify with
 * OpenZeppelin's {@code MerkleProof.verify}. An odd node at the end of a level is promoted unchanged. Immutable and
 * thread-safe.
 */
public final class MerkleTree {
    private final List<List<Hash32>> levels;

    private MerkleTree(List<List<Hash32>> levels) {
        this.levels = levels;
    }

    public static MerkleTree of(List<Hash32> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<List<Hash32>> levels = new ArrayList<>();
        List<Hash32> level = List.copyOf(leaves);
        levels.add(level);
        while (level.size() > 1) {
            List<Hash32> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? Hashing.node(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = List.copyOf(next);
            levels.add(level);
        }
        return new MerkleTree(List.copyOf(levels));
    }

    public Hash32 root() {
        return levels.get(levels.size() - 1).get(0);
    }

    public int size() {
        return levels.get(0).size();
    }

    public Hash32 leaf(int index) {
        return levels.get(0).get(index);
    }

    /** The siblings from the leaf up to the root; levels where the node was promoted contribute nothing. */
    public List<Hash32> proof(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        List<Hash32> proof = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            List<Hash32> level = levels.get(l);
            int sibling = (i % 2 == 0) ? i + 1 : i - 1;
            if (sibling < level.size()) {
                proof.add(level.get(sibling));
            }
            i /= 2;
        }
        return List.copyOf(proof);
    }

    /** Recomputes the root from a leaf and its proof, as the contract does. */
    public static Hash32 rootFrom(Hash32 leaf, List<Hash32> proof) {
        Hash32 h = leaf;
        for (Hash32 sibling : proof) {
            h = Hashing.node(h, sibling);
        }
        return h;
    }

    public static boolean verify(Hash32 root, Hash32 leaf, List<Hash32> proof) {
        return rootFrom(leaf, proof).equals(root);
    }
}
