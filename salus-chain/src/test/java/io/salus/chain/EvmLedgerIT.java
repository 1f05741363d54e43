package io.salus.chain;

import static io.salus.chain.TestChains.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvmLedgerIT {
    @TempDir
    static Path dir;
    static TestChains.Node node;

    @BeforeAll
    static void start() {
        node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anchoredBatch_verifiesEveryLeaf_andRejectsWrongLeavesAndProofs() {
        List<Hash32> leaves = IntStream.range(0, 13).mapToObj(i -> hash("leaf " + i)).toList();
        MerkleTree tree = MerkleTree.of(leaves);
        Hash32 key = hash("batch verify");

        AnchorTx tx = node.ledger().anchor(key, tree.root(), tree.size());

        assertThat(tx.root()).isEqualTo(tree.root());
        assertThat(tx.leafCount()).isEqualTo(13);
        assertThat(tx.gasUsed()).isPositive();
        assertThat(node.ledger().findAnchor(key)).contains(tx);
        for (int i = 0; i < tree.size(); i++) {
            assertThat(node.ledger().verifyInclusion(key, tree.leaf(i), tree.proof(i))).isTrue();
        }
        assertThat(node.ledger().verifyInclusion(key, hash("not a leaf"), tree.proof(0))).isFalse();
        assertThat(node.ledger().verifyInclusion(key, tree.leaf(0), tree.proof(1))).isFalse();
        assertThat(node.ledger().verifyInclusion(hash("unknown batch"), tree.leaf(0), tree.proof(0))).isFalse();
    }

    @Test
    void singleLeafBatch_verifiesWithAnEmptyProof() {
        Hash32 leaf = hash("only leaf");
        node.ledger().anchor(hash("batch single"), leaf, 1);

        assertThat(node.ledger().verifyInclusion(hash("batch single"), leaf, List.of())).isTrue();
    }

    @Test
    void anchoringTheSameKeyTwice_sendsOneTransaction_andReturnsTheSameTxHash() {
        Hash32 key = hash("batch twice");
        Hash32 root = hash("root twice");
        AnchorTx first = node.ledger().anchor(key, root, 4);
        long nonceAfterFirst = nonce();

        AnchorTx second = node.ledger().anchor(key, root, 4);

        assertThat(second).isEqualTo(first);
        assertThat(nonce()).isEqualTo(nonceAfterFirst);
    }

    @Test
    void anotherRootUnderAUsedKey_isRefused_andTheFirstRootStays() {
        Hash32 key = hash("batch conflict");
        AnchorTx first = node.ledger().anchor(key, hash("root a"), 2);

        assertThatThrownBy(() -> node.ledger().anchor(key, hash("root b"), 2)).isInstanceOf(SalusException.class)
                .hasMessageContaining("another root");
        assertThat(node.ledger().findAnchor(key)).contains(first);
    }

    @Test
    void unknownBatchKey_hasNoAnchor() {
        assertThat(node.ledger().findAnchor(hash("never anchored"))).isEmpty();
    }

    @Test
    void registerAccount_isIdempotent_andTheKindReadsBack() {
        EvmAddress patient = EvmAddress.of(java.util.Arrays.copyOf(hash("patient").bytes(), 20));
        assertThat(node.ledger().registeredKind(patient)).isEmpty();

        TxRef first = node.ledger().registerAccount(patient, AccountKind.PATIENT);
        long nonceAfterFirst = nonce();
        TxRef second = node.ledger().registerAccount(patient, AccountKind.PATIENT);

        assertThat(second).isEqualTo(first);
        assertThat(nonce()).isEqualTo(nonceAfterFirst);
        assertThat(node.ledger().registeredKind(patient)).contains(AccountKind.PATIENT);
        assertThatThrownBy(() -> node.ledger().registerAccount(patient, AccountKind.PHYSICIAN))
                .isInstanceOf(SalusException.class);
    }

    @Test
    void headBlock_andChainId_comeFromTheChain() {
        assertThat(node.ledger().chainId()).isEqualTo(31337);
        assertThat(node.ledger().headBlock()).isPositive();
    }

    static long nonce() {
        return Nonces.of(node.chain().rpcUrl(), node.ledger().relayer());
    }
}
