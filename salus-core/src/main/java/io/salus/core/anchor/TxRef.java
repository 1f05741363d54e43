package io.salus.core.anchor;

/** A mined transaction. */
public record TxRef(String txHash, long blockNumber, long gasUsed) {
}
