package io.salus.core.consent;

import java.util.EnumSet;
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
        int m = 0;
        for (DelegationScope s : scopes) {
            m |= s.mask();
        }
        return m;
    }

    public static Set<DelegationScope> fromMask(int mask) {
        Set<DelegationScope> s = EnumSet.noneOf(DelegationScope.class);
        for (DelegationScope d : values()) {
            if ((mask & d.mask()) != 0) {
                s.add(d);
            }
        }
        return s;
    }
}
