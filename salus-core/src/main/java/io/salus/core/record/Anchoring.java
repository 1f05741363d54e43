package io.salus.core.record;

import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * Where a record sits in an anchor batch. {@code txHash} and {@code blockNumber} are present once the batch root is
 * mined; before that the record is batched but not yet anchored.
 */
public record Anchoring(Hash32 batchKey, Hash32 root, int leafIndex, List<Hash32> proof, Optional<String> txHash,
        Optional<Long> blockNumber) {
    public Anchoring {
        proof = List.copyOf(proof);
    }

    public boolean mined() {
        return txHash.isPresent();
    }
}
