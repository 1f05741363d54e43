package io.salus.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.Ledger;
import io.salus.testkit.data.KeySpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Ledger}: a batch root anchored under its key verifies every leaf and no other, a repeat of an
 * anchor or a registration writes nothing and returns the first effect, another root under a used key is refused,
 * registered kinds read back; a batch of registrations is one write, each account with its own outcome. An adapter is accepted when a subclass supplying it passes; the chain may hold other
 * tests' anchors and accounts (keys and addresses here are random per test instance).
 */
public abstract class LedgerContract {
    private final KeySpace keys = KeySpace.random();

    /** The ledger under test. */
    protected abstract Ledger ledger();

    /** How many writes the ledger has sent so far (for an EVM chain: the relayer's mined transaction count). */
    protected abstract long writesSent();

    /** The chain id the ledger is expected to report. */
    protected abstract long expectedChainId();

    /** A 32-byte value of this test instance called {@code s}. */
    protected Hash32 hash(String s) {
        return keys.id(s);
    }

    @Test
    void anchoredBatch_verifiesEveryLeaf_andRejectsWrongLeavesAndProofs() {
        List<Hash32> leaves = IntStream.range(0, 13).mapToObj(i -> hash("leaf " + i)).toList();
        MerkleTree tree = MerkleTree.of(leaves);
        Hash32 key = hash("batch verify");

        AnchorTx tx = ledger().anchor(key, tree.root(), tree.size());

        assertThat(tx.root()).isEqualTo(tree.root());
        assertThat(tx.leafCount()).isEqualTo(13);
        assertThat(tx.gasUsed()).isPositive();
        assertThat(ledger().findAnchor(key)).contains(tx);
        for (int i = 0; i < tree.size(); i++) {
            assertThat(ledger().verifyInclusion(key, tree.leaf(i), tree.proof(i))).isTrue();
        }
        assertThat(ledger().verifyInclusion(key, hash("not a leaf"), tree.proof(0))).isFalse();
        assertThat(ledger().verifyInclusion(key, tree.leaf(0), tree.proof(1))).isFalse();
        assertThat(ledger().verifyInclusion(hash("unknown batch"), tree.leaf(0), tree.proof(0))).isFalse();
    }

    @Test
    void singleLeafBatch_verifiesWithAnEmptyProof() {
        Hash32 leaf = hash("only leaf");
        ledger().anchor(hash("batch single"), leaf, 1);

        assertThat(ledger().verifyInclusion(hash("batch single"), leaf, List.of())).isTrue();
    }

    @Test
    void anchoringTheSameKeyTwice_sendsOneTransaction_andReturnsTheSameTxHash() {
        Hash32 key = hash("batch twice");
        Hash32 root = hash("root twice");
        AnchorTx first = ledger().anchor(key, root, 4);
        long writesAfterFirst = writesSent();

        AnchorTx second = ledger().anchor(key, root, 4);

        assertThat(second).isEqualTo(first);
        assertThat(writesSent()).isEqualTo(writesAfterFirst);
    }

    @Test
    void anotherRootUnderAUsedKey_isRefused_andTheFirstRootStays() {
        Hash32 key = hash("batch conflict");
        AnchorTx first = ledger().anchor(key, hash("root a"), 2);

        assertThatThrownBy(() -> ledger().anchor(key, hash("root b"), 2)).isInstanceOf(SalusException.class)
                .hasMessageContaining("another root");
        assertThat(ledger().findAnchor(key)).contains(first);
    }

    @Test
    void unknownBatchKey_hasNoAnchor() {
        assertThat(ledger().findAnchor(hash("never anchored"))).isEmpty();
    }

    @Test
    void registerAccount_isIdempotent_andTheKindReadsBack() {
        EvmAddress patient = EvmAddress.of(Arrays.copyOf(hash("patient").bytes(), 20));
        assertThat(ledger().registeredKind(patient)).isEmpty();

        TxRef first = ledger().registerAccount(patient, AccountKind.PATIENT);
        long writesAfterFirst = writesSent();
        TxRef second = ledger().registerAccount(patient, AccountKind.PATIENT);

        assertThat(second).isEqualTo(first);
        assertThat(writesSent()).isEqualTo(writesAfterFirst);
        assertThat(ledger().registeredKind(patient)).contains(AccountKind.PATIENT);
        assertThatThrownBy(() -> ledger().registerAccount(patient, AccountKind.PHYSICIAN))
                .isInstanceOf(SalusException.class);
    }

    @Test
    void registerAccounts_registersABatchInOneWrite_keepsTheEarlierRegistration_andRefusesOnlyAnotherKind() {
        EvmAddress earlier = account("batch earlier");
        EvmAddress conflicting = account("batch conflicting");
        TxRef earlierTx = ledger().registerAccount(earlier, AccountKind.PATIENT);
        ledger().registerAccount(conflicting, AccountKind.PATIENT);
        List<Ledger.Registration> fresh = IntStream.range(0, 20)
                .mapToObj(i -> new Ledger.Registration(account("batch fresh " + i), AccountKind.PATIENT)).toList();
        List<Ledger.Registration> batch = new ArrayList<>(fresh);
        batch.add(new Ledger.Registration(earlier, AccountKind.PATIENT));
        batch.add(new Ledger.Registration(conflicting, AccountKind.PHYSICIAN));
        long writesBefore = writesSent();

        List<Result<TxRef>> outcomes = ledger().registerAccounts(batch);

        assertThat(writesSent()).isEqualTo(writesBefore + 1);
        assertThat(outcomes).hasSize(22);
        TxRef batchTx = outcomes.get(0).orElseThrow();
        assertThat(outcomes.subList(0, 20)).allSatisfy(r -> assertThat(r.orElseThrow()).isEqualTo(batchTx));
        assertThat(outcomes.get(20).orElseThrow()).isEqualTo(earlierTx);
        assertThat(outcomes.get(21).failure().code()).isEqualTo(ErrorCode.REGISTRATION_REFUSED);
        assertThat(fresh).allSatisfy(r -> assertThat(ledger().registeredKind(r.address())).contains(r.kind()));
        assertThat(ledger().registeredKind(conflicting)).contains(AccountKind.PATIENT);
    }

    @Test
    void aRepeatedRegistrationBatch_changesNothing_andReturnsTheFirstTransactions() {
        List<Ledger.Registration> batch = IntStream.range(0, 5)
                .mapToObj(i -> new Ledger.Registration(account("repeat " + i), AccountKind.PHYSICIAN)).toList();
        List<Result<TxRef>> first = ledger().registerAccounts(batch);

        List<Result<TxRef>> again = ledger().registerAccounts(batch);

        assertThat(again).isEqualTo(first);
        assertThat(first).allSatisfy(r -> assertThat(r.isOk()).isTrue());
    }

    private EvmAddress account(String name) {
        return EvmAddress.of(Arrays.copyOf(hash(name).bytes(), 20));
    }

    @Test
    void headBlock_andChainId_comeFromTheChain() {
        assertThat(ledger().chainId()).isEqualTo(expectedChainId());
        assertThat(ledger().headBlock()).isPositive();
    }
}
