package io.salus.core.usecase;

import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.Ledger;
import java.util.List;
import java.util.Optional;

/**
 * Lets anyone holding a record (its exact bytes and salt, or its leaf) and a proof check inclusion against the chain,
 * without an account and without the node's keys. Thread-safe.
 */
public final class PublicVerifier {
    private final Ledger ledger;

    public PublicVerifier(Ledger ledger) {
        this.ledger = ledger;
    }

    public record Outcome(Hash32 leaf, Optional<AnchorTx> anchor, boolean proofMatchesRoot, boolean contractVerifies) {
        public boolean verified() {
            return proofMatchesRoot && contractVerifies;
        }
    }

    public static Hash32 leafOf(byte[] content, Hash32 salt) {
        return Hashing.recordLeaf(salt, Hashing.sha256(content));
    }

    public Outcome verify(Hash32 batchKey, Hash32 leaf, List<Hash32> proof) {
        Optional<AnchorTx> anchor = ledger.findAnchor(batchKey);
        boolean proofOk = anchor.isPresent() && MerkleTree.verify(anchor.get().root(), leaf, proof);
        boolean contractOk = anchor.isPresent() && ledger.verifyInclusion(batchKey, leaf, proof);
        return new Outcome(leaf, anchor, proofOk, contractOk);
    }
}
