package io.salus.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeProperties {

    @Provide
    Arbitrary<List<Hash32>> leaves() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash32::of).list().ofMinSize(1).ofMaxSize(300);
    }

    @Property
    void everyLeafProofVerifiesAgainstTheRoot(@ForAll("leaves") List<Hash32> leaves) {
        MerkleTree tree = MerkleTree.of(leaves);
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(MerkleTree.verify(tree.root(), leaves.get(i), tree.proof(i))).isTrue();
        }
    }

    @Property
    void proofLengthIsAtMostTheTreeHeight(@ForAll("leaves") List<Hash32> leaves) {
        MerkleTree tree = MerkleTree.of(leaves);
        int height = 32 - Integer.numberOfLeadingZeros(Math.max(1, leaves.size() - 1));
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(tree.proof(i)).hasSizeLessThanOrEqualTo(height);
        }
    }

    @Property
    void aChangedLeafDoesNotVerify(@ForAll("leaves") List<Hash32> leaves, @ForAll @IntRange(min = 0, max = 299) int at,
            @ForAll @IntRange(min = 0, max = 255) int bit) {
        int index = at % leaves.size();
        MerkleTree tree = MerkleTree.of(leaves);
        byte[] flipped = leaves.get(index).bytes();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(MerkleTree.verify(tree.root(), Hash32.of(flipped), tree.proof(index))).isFalse();
    }

    @Property
    void aProofForOneLeafDoesNotProveAnotherValue(@ForAll("leaves") List<Hash32> leaves,
            @ForAll @IntRange(min = 0, max = 299) int at) {
        int index = at % leaves.size();
        MerkleTree tree = MerkleTree.of(leaves);
        Hash32 outsider = Hashing.keccak256("not in the tree".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assumptions.assumeFalse(leaves.contains(outsider));
        assertThat(MerkleTree.verify(tree.root(), outsider, tree.proof(index))).isFalse();
    }

    @Property
    void changingAnyLeafChangesTheRoot(@ForAll("leaves") List<Hash32> leaves,
            @ForAll @IntRange(min = 0, max = 299) int at) {
        int index = at % leaves.size();
        List<Hash32> changed = new ArrayList<>(leaves);
        changed.set(index, Hashing.keccak256(leaves.get(index).bytes()));
        assertThat(MerkleTree.of(changed).root()).isNotEqualTo(MerkleTree.of(leaves).root());
    }
}
