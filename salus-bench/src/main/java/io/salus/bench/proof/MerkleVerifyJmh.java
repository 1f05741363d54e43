package io.salus.bench.proof;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: verifying a record's Merkle proof against its batch root, as a record holder does without the node. */
@State(Scope.Thread)
public class MerkleVerifyJmh {
    private static final int PROOFS = 256;

    @Param({"1024"})
    public int leaves;

    private Hash32 root;
    private final List<Hash32> proofLeaves = new ArrayList<>();
    private final List<List<Hash32>> proofs = new ArrayList<>();
    private int next;

    @Setup
    public void build() {
        SplittableRandom rng = new SplittableRandom(1);
        List<Hash32> all = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byte[] b = new byte[32];
            rng.nextBytes(b);
            all.add(Hash32.of(b));
        }
        MerkleTree tree = MerkleTree.of(all);
        root = tree.root();
        for (int i = 0; i < PROOFS; i++) {
            int index = rng.nextInt(leaves);
            proofLeaves.add(tree.leaf(index));
            proofs.add(tree.proof(index));
        }
    }

    @Benchmark
    public boolean verify() {
        int i = next;
        next = (i + 1) % PROOFS;
        return MerkleTree.verify(root, proofLeaves.get(i), proofs.get(i));
    }
}
