package io.salus.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void keccak256MatchesTheEthereumTestVector() {
        assertThat(Hashing.keccak256(new byte[0]).hex())
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void innerNodesAreCommutative() {
        Hash32 a = Hashing.keccak256("a".getBytes(StandardCharsets.UTF_8));
        Hash32 b = Hashing.keccak256("b".getBytes(StandardCharsets.UTF_8));
        assertThat(Hashing.node(a, b)).isEqualTo(Hashing.node(b, a));
    }

    @Test
    void aSingleLeafTreeHasTheLeafAsRootAndAnEmptyProof() {
        Hash32 a = Hashing.keccak256("a".getBytes(StandardCharsets.UTF_8));
        MerkleTree t = MerkleTree.of(List.of(a));
        assertThat(t.root()).isEqualTo(a);
        assertThat(t.proof(0)).isEmpty();
    }

    @Test
    void theRecordLeafDependsOnTheSalt() {
        Hash32 content = Hashing.sha256("{}".getBytes(StandardCharsets.UTF_8));
        Hash32 s1 = Hashing.keccak256("s1".getBytes(StandardCharsets.UTF_8));
        Hash32 s2 = Hashing.keccak256("s2".getBytes(StandardCharsets.UTF_8));
        assertThat(Hashing.recordLeaf(s1, content)).isNotEqualTo(Hashing.recordLeaf(s2, content));
    }
}
