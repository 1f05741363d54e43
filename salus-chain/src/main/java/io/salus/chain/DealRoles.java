package io.salus.chain;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.SplitPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Who holds which role in the deal contracts a deployment creates: the matcher (MATCHER_ROLE: commits and settles; the
 * node's relayer may be it), the admin (proposer and executor of the DealTimelock, which holds every admin role, so
 * each change waits {@code timelockDelay}; never the relayer, never an API account), the payees of the treasury's and
 * the operator's parts, and the initial split policy.
 */
public record DealRoles(EvmAddress matcher, EvmAddress admin, Duration timelockDelay, EvmAddress daoTreasury,
        EvmAddress operatorPayee, SplitPolicy policy) {
    /** The policy a deployment starts with: patient ≥ 60 %, providers ≥ 10 %, caregiver ≥ 5 %, DAO ≥ 3 %, operator ≤ 15 %. */
    public static final SplitPolicy INITIAL_POLICY = new SplitPolicy(6_000, 1_000, 500, 300, 1_500);

    public DealRoles {
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(timelockDelay, "timelockDelay");
        Objects.requireNonNull(daoTreasury, "daoTreasury");
        Objects.requireNonNull(operatorPayee, "operatorPayee");
        Objects.requireNonNull(policy, "policy");
        if (admin.equals(matcher)) {
            throw new IllegalArgumentException("the deal admin is not the matcher");
        }
        if (timelockDelay.isNegative()) {
            throw new IllegalArgumentException("a negative timelock delay");
        }
    }
}
