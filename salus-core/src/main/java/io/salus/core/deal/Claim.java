package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * Where an account is paid in a deal: the deal, the role, the per-deal claim address and the label its key is derived
 * from ({@link io.salus.core.port.ClaimKeys}).
 */
public record Claim(Hash32 dealId, Role role, EvmAddress address, String label) {
    public Claim {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(label, "label");
    }
}
