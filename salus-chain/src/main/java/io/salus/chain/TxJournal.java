package io.salus.chain;

import java.util.List;

/**
 * The signed transactions the node sent, kept so that a local chain restored from an older snapshot can be brought
 * forward again. {@link #append} must be durable before the transaction is sent. Implementations are thread-safe.
 */
public interface TxJournal {
    /** Durably records a raw signed transaction (0x-hex) before it is sent. */
    void append(String rawTxHex);

    /** Every recorded transaction, oldest first. */
    List<String> entries();

    /** A journal that keeps nothing, for external chains whose state is durable on their own. */
    static TxJournal none() {
        return NoJournal.INSTANCE;
    }

    /** The journal of {@link #none()}. */
    enum NoJournal implements TxJournal {
        INSTANCE;

        @Override
        public void append(String rawTxHex) {
            // external chains keep their own state: nothing to journal
        }

        @Override
        public List<String> entries() {
            return List.of();
        }
    }
}
