package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a grant signed by a delegate counts: only inside the delegation it was signed under. The patient's own grants
 * count as recorded. A grant whose signer is not its patient is {@linkplain #effective replaced} by the grant it
 * effectively is, given the latest delegation from the patient to the signer as of the decision's block:
 * <ul>
 * <li>its window ends at the delegation's end at the latest ({@code validUntil = min(grant, delegation)});</li>
 * <li>it is revoked from the block of any delegation the patient set <em>after</em> the grant (a revocation, a
 * narrowing, a widening or an extension: the patient re-stated the delegate's authority, and what the delegate signed
 * under the old one stops counting), and from the block of a delegation that does not include
 * {@link DelegationScope#MANAGE_CONSENT};</li>
 * <li>it never counts (revoked from its own block) without any delegation, or when it names the signer itself as the
 * consumer (a delegate cannot grant itself access).</li>
 * </ul>
 * Expressed as an ordinary grant (capped window, revocation block), the result is decided by the unchanged rules of
 * {@link ConsentPolicy} and indexed by the bulk index the same way, so both agree. Pure, stateless, thread-safe.
 */
public final class DelegatedGrants {
    private DelegatedGrants() {
    }

    /** Whether a delegate, not the patient, signed the grant. */
    public static boolean delegateSigned(Grant g) {
        return !g.signer().equals(g.terms().patient());
    }

    /**
     * The grant as it counts, given the latest delegation (as of the decision's block) from its patient to its signer.
     * A delegation for another pair is ignored (as if absent).
     */
    public static Grant effective(Grant g, Optional<Delegation> signerDelegation) {
        if (!delegateSigned(g)) {
            return g;
        }
        GrantTerms t = g.terms();
        Optional<Delegation> d = signerDelegation
                .filter(x -> x.patient().equals(t.patient()) && x.delegate().equals(g.signer()));
        if (d.isEmpty() || t.namedConsumer().filter(g.signer()::equals).isPresent()) {
            return revokedFrom(g, g.grantedAtBlock());
        }
        Delegation del = d.get();
        if (del.atBlock() > g.grantedAtBlock() || (del.scopes() & DelegationScope.MANAGE_CONSENT.mask()) == 0) {
            return revokedFrom(g, del.atBlock());
        }
        if (!del.validUntil().isBefore(t.validUntil())) {
            return g;
        }
        Instant until = del.validUntil();
        return new Grant(g.id(), new GrantTerms(t.patient(), t.categories(), t.attestationTypes(), t.purposes(),
                t.validFrom(), until, t.minPrice(), t.namedConsumer()), g.signer(), g.grantedAtBlock(),
                g.revokedAtBlock());
    }

    /**
     * {@link #effective} for each grant, with the signer's delegation looked up in the patient's delegations; the list
     * itself when the patient signed every grant (the common case, on the hot path of bulk decisions).
     */
    public static List<Grant> effective(List<Grant> grants, List<Delegation> patientDelegations) {
        boolean any = false;
        for (int i = 0; i < grants.size() && !any; i++) {
            any = delegateSigned(grants.get(i));
        }
        if (!any) {
            return grants;
        }
        return grants.stream().map(g -> effective(g, delegationTo(g.terms().patient(), g.signer(),
                patientDelegations))).toList();
    }

    private static Optional<Delegation> delegationTo(EvmAddress patient, EvmAddress delegate, List<Delegation> ds) {
        return ds.stream().filter(d -> d.patient().equals(patient) && d.delegate().equals(delegate))
                .max(java.util.Comparator.comparingLong(Delegation::atBlock));
    }

    private static Grant revokedFrom(Grant g, long block) {
        long at = Math.min(block, g.revokedAtBlock().orElse(Long.MAX_VALUE));
        return new Grant(g.id(), g.terms(), g.signer(), g.grantedAtBlock(), Optional.of(at));
    }
}
