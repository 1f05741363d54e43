package io.salus.core.move;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.nio.charset.StandardCharsets;

/**
 * The receiving node's acknowledgement of an import: which patient, from which node to which, how many records and
 * their root, signed with the receiving node's registered Ed25519 key over {@link #signed()}.
 */
public record MoveAck(EvmAddress patient, EvmAddress from, EvmAddress to, int records, Hash32 root, byte[] signature) {

    /** The bytes the receiving node signs. */
    public byte[] signed() {
        return ("salus-bank-move-ack-v1|" + patient.hex() + "|" + from.hex() + "|" + to.hex() + "|" + records + "|"
                + root.hex()).getBytes(StandardCharsets.UTF_8);
    }
}
