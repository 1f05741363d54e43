package io.salus.chain;

import static io.salus.chain.TestChains.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.internal.SnapshotStore;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryIT {
    @TempDir
    Path dir;

    private LocalChainConfig config() {
        return TestChains.config(dir.resolve("chain")).withSnapshotInterval(Duration.ofHours(1));
    }

    @Test
    void restartOnTheSameDirectory_keepsContractsAccountsAndAnchors() {
        State s = writeSome("restart");
        long pid;
        try (TestChains.Node node = TestChains.Node.start(config())) {
            s.tx = node.ledger().anchor(s.key, s.tree.root(), s.tree.size());
            node.ledger().registerAccount(s.account, AccountKind.HOSPITAL);
            pid = node.chain().anvilPid();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        try (TestChains.Node node = TestChains.Node.start(config())) {
            assertIntact(node, s, AccountKind.HOSPITAL);
        }
    }

    @Test
    void deletedNewestSnapshot_isSurvived() throws IOException {
        State s = writeSome("deleted");
        try (TestChains.Node node = TestChains.Node.start(config())) {
            s.tx = node.ledger().anchor(s.key, s.tree.root(), s.tree.size());
            node.ledger().registerAccount(s.account, AccountKind.PHARMACY);
        }
        Files.delete(newestSnapshot());

        try (TestChains.Node node = TestChains.Node.start(config())) {
            assertIntact(node, s, AccountKind.PHARMACY);
        }
    }

    @Test
    void truncatedNewestSnapshot_isSurvived_includingTransactionsSignedAfterTheLastGoodSnapshot() throws IOException {
        State s = writeSome("torn");
        State later = writeSome("torn later");
        try (TestChains.Node node = TestChains.Node.start(config())) {
            s.tx = node.ledger().anchor(s.key, s.tree.root(), s.tree.size());
            node.ledger().registerAccount(s.account, AccountKind.PATIENT);
            node.chain().snapshotNow();
            later.tx = node.ledger().anchor(later.key, later.tree.root(), later.tree.size());
            node.ledger().registerAccount(later.account, AccountKind.PHYSICIAN);
        }
        Path newest = newestSnapshot();
        try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }

        try (TestChains.Node node = TestChains.Node.start(config())) {
            assertIntact(node, s, AccountKind.PATIENT);
            assertIntact(node, later, AccountKind.PHYSICIAN);
        }
    }

    @Test
    void everySnapshotGone_isSurvivedFromTheJournal() throws IOException {
        State s = writeSome("all gone");
        try (TestChains.Node node = TestChains.Node.start(config())) {
            s.tx = node.ledger().anchor(s.key, s.tree.root(), s.tree.size());
            node.ledger().registerAccount(s.account, AccountKind.CONSUMER);
        }
        for (SnapshotStore.Snapshot snap : snapshots().list()) {
            Files.delete(snap.file());
        }

        try (TestChains.Node node = TestChains.Node.start(config())) {
            assertIntact(node, s, AccountKind.CONSUMER);
        }
    }

    private SnapshotStore snapshots() {
        return new SnapshotStore(dir.resolve("chain").resolve("snapshots"), 3);
    }

    private Path newestSnapshot() {
        List<SnapshotStore.Snapshot> all = snapshots().list();
        assertThat(all).isNotEmpty();
        return all.get(0).file();
    }

    /**
     * The anchor is the same transaction (a replay from the journal may mine it in another block than the original),
     * every leaf is still provable and the account is still registered.
     */
    private static void assertIntact(TestChains.Node node, State s, AccountKind kind) {
        assertThat(node.ledger().findAnchor(s.key)).map(AnchorTx::txHash).contains(s.tx.txHash());
        for (int i = 0; i < s.tree.size(); i++) {
            assertThat(node.ledger().verifyInclusion(s.key, s.tree.leaf(i), s.tree.proof(i))).isTrue();
        }
        assertThat(node.ledger().registeredKind(s.account)).contains(kind);
    }

    private static State writeSome(String name) {
        List<Hash32> leaves = IntStream.range(0, 5).mapToObj(i -> hash(name + " leaf " + i)).toList();
        return new State(hash(name + " key"), MerkleTree.of(leaves),
                EvmAddress.of(Arrays.copyOf(hash(name + " account").bytes(), 20)));
    }

    private static final class State {
        final Hash32 key;
        final MerkleTree tree;
        final EvmAddress account;
        AnchorTx tx;

        State(Hash32 key, MerkleTree tree, EvmAddress account) {
            this.key = key;
            this.tree = tree;
            this.account = account;
        }
    }
}
