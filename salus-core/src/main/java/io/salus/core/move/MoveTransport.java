package io.salus.core.move;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;

/**
 * Port: hands a sealed bank to the node it moves to, in a request signed with this node's key, and returns that
 * node's acknowledgement (unverified: the caller checks its signature against the registry).
 */
public interface MoveTransport {
    Result<MoveAck> send(Member to, EvmAddress patient, byte[] sealedPackage);
}
