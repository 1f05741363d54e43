package io.salus.core.federation;

import io.salus.core.error.Result;
import io.salus.core.privacy.NoisyCount;

/**
 * Port: asks another member of the alliance, over a request signed with this node's key, for its own noisy count.
 * A member that cannot be reached, or does not answer in time, is {@code MEMBER_UNREACHABLE}; a member's refusal
 * comes back with its own error code.
 */
public interface MemberClient {
    Result<NoisyCount> count(Member member, CountRequest request);
}
