package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import java.util.List;
import java.util.Optional;

/** Port: the alliance's members as the chain lists them now (NodeRegistry). Reads fail closed (unavailable). */
public interface MemberDirectory {

    /** The node's entry, active or removed; empty if it was never admitted. */
    Optional<Member> member(EvmAddress node);

    /** Every node ever admitted, removed ones included. */
    List<Member> members();

    /** The node that registered the account on chain (its home), if the account is registered. */
    Optional<EvmAddress> homeOf(EvmAddress account);
}
