package io.salus.core.anchor;

import io.salus.core.merkle.Hash32;

/** A batch root as anchored on chain: the transaction that carried it and the gas it used. */
public record AnchorTx(Hash32 batchKey, Hash32 root, int leafCount, String txHash, long blockNumber, long gasUsed) {
}
