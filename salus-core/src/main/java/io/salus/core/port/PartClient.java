package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.federation.Member;
import io.salus.core.merkle.Hash32;

/**
 * Port: the home node's signed requests to a member about a federated deal (RFC 9421, as the federated count): its
 * part, and its settled part's package. A member that cannot be reached is {@code MEMBER_UNREACHABLE}; a member's
 * refusal keeps its code. Thread-safe.
 */
public interface PartClient {

    Result<PartAnswer> part(Member member, PartRequest request);

    /** The member's part package, its key slot filled from the chain's key release. */
    Result<byte[]> partPackage(Member member, EvmAddress audience, Hash32 dealId);
}
