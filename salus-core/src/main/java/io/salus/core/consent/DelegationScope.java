package io.salus.core.consent;

import java.util.Set;

/** What a caregiver or legal representative may do for a patient. {@link #bit} is stored on chain; never reorder. */
public enum DelegationScope {
    VIEW_RECORDS(0),
    MANAGE_CONSENT(1),
    RECEIVE_ALERTS(2);

    private final int bit;

    DelegationScope(int bit) {
        this.bit = bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public static int maskOf(Set<DelegationScope> scopes) {
        return BitMasks.of(scopes, DelegationScope::mask);
    }

    public static Set<DelegationScope> fromMask(int mask) {
        return BitMasks.from(DelegationScope.class, mask, DelegationScope::mask);
    }
}
