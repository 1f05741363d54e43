package io.salus.core.move;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.federation.NodeKey;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.KeyManager;
import io.salus.core.port.Ledger;
import io.salus.core.record.ReadingLeaves;
import io.salus.core.record.RecordBinding;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Receives a patient's bank at the node they move to, from a verified member's signed request: only when the chain
 * says the patient's home is now this node and was the sending node; the package must open with this node's key,
 * name this move, carry the patient's own keys, and every record must match its leaf and its leaf a root anchored on
 * chain. Then one transaction re-seals and stores everything, and this node signs its acknowledgement (count and root).
 * Idempotent: a bank imported already is acknowledged again as it was. Thread-safe.
 */
public final class BankMoveImport {
    /** What an import needs. */
    public record Ports(BankMoveStore store, MemberDirectory directory, HomeMoves chain, PackageSealing sealing,
            KeyManager keys, Ledger ledger, NodeKey self) {
    }

    private final Ports p;
    private final Clock clock;

    public BankMoveImport(Ports p, Clock clock) {
        this.p = p;
        this.clock = clock;
    }

    public Result<MoveAck> accept(Member sender, EvmAddress audience, EvmAddress patient, byte[] sealed) {
        EvmAddress self = p.self().node();
        if (!audience.equals(self)) {
            return Result.fail(ErrorCode.NODE_WRONG_AUDIENCE, "this move is addressed to " + audience);
        }
        if (!p.directory().homeOf(patient).equals(Optional.of(self))) {
            return Result.fail(ErrorCode.MOVE_NOT_HOME_HERE, "the home of " + patient + " is not " + self);
        }
        if (!p.chain().movedFrom(patient).equals(Optional.of(sender.node()))) {
            return Result.fail(ErrorCode.MOVE_NOT_FROM_SENDER, patient + " did not move away from " + sender.node());
        }
        Optional<BankMoveStore.Incoming> earlier = p.store().incoming(patient);
        if (earlier.isPresent()) {
            return Result.ok(earlier.get().ack());
        }
        return p.sealing().open(sealed).flatMap(pkg -> {
            MovedAccount a = pkg.account();
            if (!pkg.from().equals(sender.node()) || !pkg.to().equals(self) || !a.address().equals(patient)) {
                return Result.fail(ErrorCode.MOVE_PACKAGE_INVALID, "the package is not the move of " + patient);
            }
            KeyManager.AccountKeys keys = p.keys().importAccountKeys(a.signingPrivateKey(), a.encryptionPrivateKey());
            Arrays.fill(a.signingPrivateKey(), (byte) 0);
            Arrays.fill(a.encryptionPrivateKey(), (byte) 0);
            if (!keys.address().equals(patient)) {
                return Result.fail(ErrorCode.MOVE_PACKAGE_INVALID, "the keys moved are not the patient's");
            }
            List<BankMoveStore.Resealed> resealed = new ArrayList<>();
            try (KeyManager.RecordSealing sealing = p.keys().sealing(keys.encryptionPublicKey())) {
                for (MovedRecord r : pkg.records()) {
                    if (!verified(r)) {
                        return Result.fail(ErrorCode.MOVE_RECORD_UNVERIFIED, "record " + r.id()
                                + " does not verify against the chain");
                    }
                    resealed.add(new BankMoveStore.Resealed(r, sealing.seal(r.content(),
                            RecordBinding.associatedData(r.id(), a.id(), r.category())),
                            p.keys().sealValue(
                                    r.salt().bytes(), RecordBinding.saltAssociatedData(r.id()))));
                }
            }
            MoveAck unsigned = new MoveAck(patient, sender.node(), self, pkg.count(), pkg.root(), new byte[0]);
            MoveAck ack = new MoveAck(patient, sender.node(), self, pkg.count(), pkg.root(),
                    p.self().sign(unsigned.signed()));
            p.store().importBank(new BankMoveStore.Import(pkg, keys, resealed, ack, clock.instant()));
            return Result.ok(ack);
        });
    }

    /** The record matches its leaf, its leaf is in its batch's root, and that root is the one anchored on chain. */
    private boolean verified(MovedRecord r) {
        boolean leaf = ReadingLeaves.recordLeaf(r.salt(), Hashing.sha256(r.content()), r.readingLeaves())
                .equals(r.leaf());
        boolean proof = MerkleTree.verify(r.batch().root(), r.leaf(), r.proof());
        Optional<AnchorTx> onChain = p.ledger().findAnchor(r.batch().key());
        return leaf && proof && onChain.isPresent() && onChain.get().root().equals(r.batch().root());
    }
}
