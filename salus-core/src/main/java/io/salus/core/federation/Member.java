package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node of the alliance as the NodeRegistry contract lists it: its relayer address (its identity on chain), the
 * organisation operating it, its API endpoint, the Ed25519 public key that signs its requests to other nodes, and
 * whether it is a member now (a removed node keeps its entry, inactive). Immutable.
 */
public record Member(EvmAddress node, String organisation, String endpoint, byte[] signingKey, boolean active) {
    public Member {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(endpoint, "endpoint");
        if (signingKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + signingKey.length);
        }
        signingKey = signingKey.clone();
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m && node.equals(m.node) && organisation.equals(m.organisation)
                && endpoint.equals(m.endpoint) && Arrays.equals(signingKey, m.signingKey) && active == m.active;
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, organisation, endpoint, Arrays.hashCode(signingKey), active);
    }

    @Override
    public String toString() {
        return "Member[" + node + ", " + organisation + ", " + endpoint + (active ? "" : ", removed") + "]";
    }
}
