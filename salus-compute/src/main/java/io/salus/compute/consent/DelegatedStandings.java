package io.salus.compute.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.DelegatedGrants;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The index's book of grants signed by delegates: each such grant as recorded (with its own revocation, the earliest
 * seen, kept apart from any revocation its delegation implies), the grants of each (patient, delegate) pair and the
 * latest delegation of each pair. Every method returns the grants as they now count ({@link DelegatedGrants#effective}),
 * for the index to restate. Not thread-safe (the index guards it).
 */
final class DelegatedStandings {
    private record Pair(EvmAddress patient, EvmAddress delegate) {
    }

    private final Map<Long, Grant> recorded = new HashMap<>();
    private final Map<Pair, Set<Long>> byPair = new HashMap<>();
    private final Map<Pair, Delegation> delegations = new HashMap<>();

    boolean holds(long grantId) {
        return recorded.containsKey(grantId);
    }

    /** Records a grant signed by a delegate ({@code earlyRevocation}: a revocation seen before it, if any). */
    Grant put(Grant g, Optional<Long> earlyRevocation) {
        Grant old = recorded.get(g.id());
        long own = Math.min(g.revokedAtBlock().orElse(Long.MAX_VALUE),
                Math.min(old == null ? Long.MAX_VALUE : old.revokedAtBlock().orElse(Long.MAX_VALUE),
                        earlyRevocation.orElse(Long.MAX_VALUE)));
        Grant kept = withRevocation(g, own);
        recorded.put(g.id(), kept);
        byPair.computeIfAbsent(pair(g), p -> new LinkedHashSet<>()).add(g.id());
        return effective(kept);
    }

    /** The grant's own revocation (sticky, the earliest wins). */
    Grant revoke(long grantId, long block) {
        Grant g = recorded.get(grantId);
        Grant kept = withRevocation(g, Math.min(block, g.revokedAtBlock().orElse(Long.MAX_VALUE)));
        recorded.put(grantId, kept);
        return effective(kept);
    }

    /** The pair's latest delegation; returns that delegate's grants for the patient as they now count. */
    List<Grant> delegationSet(Delegation d) {
        Pair p = new Pair(d.patient(), d.delegate());
        delegations.put(p, d);
        List<Grant> out = new ArrayList<>();
        for (long id : byPair.getOrDefault(p, Set.of())) {
            out.add(effective(recorded.get(id)));
        }
        return out;
    }

    void clear() {
        recorded.clear();
        byPair.clear();
        delegations.clear();
    }

    private Grant effective(Grant g) {
        return DelegatedGrants.effective(g, Optional.ofNullable(delegations.get(pair(g))));
    }

    private static Pair pair(Grant g) {
        return new Pair(g.terms().patient(), g.signer());
    }

    private static Grant withRevocation(Grant g, long block) {
        return new Grant(g.id(), g.terms(), g.signer(), g.grantedAtBlock(),
                block == Long.MAX_VALUE ? Optional.empty() : Optional.of(block));
    }
}
