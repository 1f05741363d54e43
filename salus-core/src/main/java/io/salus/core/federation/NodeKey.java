package io.salus.core.federation;

import io.salus.core.account.EvmAddress;

/** Port: this node's own identity in the alliance and the Ed25519 key that signs its requests to other nodes. */
public interface NodeKey {

    /** This node's relayer address, its identity in the NodeRegistry. */
    EvmAddress node();

    /** The raw 32-byte Ed25519 public key registered for this node. */
    byte[] publicKey();

    /** An Ed25519 signature (64 bytes) over {@code message}. */
    byte[] sign(byte[] message);
}
