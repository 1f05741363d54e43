package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;

/**
 * Port: admitting a node to the alliance and removing one, through the NodeRegistry's timelock, by the node holding the
 * alliance's admin role. Each call returns once the change is executed on chain (after the timelock's delay).
 */
public interface Admissions {
    /**
     * Admits the candidate; {@code NOT_ALLIANCE_ADMIN} on a node without the admin role, {@code MEMBER_ALREADY_ACTIVE}
     * if it is a member already.
     */
    Result<Member> admit(Member candidate);

    /**
     * Removes an active member; {@code NOT_ALLIANCE_ADMIN} on a node without the admin role,
     * {@code MEMBER_NOT_ACTIVE} if the node is not an active member.
     */
    Result<Member> remove(EvmAddress node);
}
