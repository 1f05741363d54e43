package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.consent.AccessRequest;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Decision;
import io.salus.core.consent.DelegatedGrants;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.LicencePolicy;
import io.salus.core.credential.Licences;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.PresentedAttestations;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one decision point for reads of health data by anyone but its owner. It first brings the consent projections to
 * the chain head (fail closed if it cannot), then asks {@link ConsentPolicy} with the patient's grants, the requester's
 * attestations from issuers trusted for their type, the patient's delegation to the requester and, when a delegate
 * signed one of the grants, the patient's delegations (a delegate's grant counts only inside its delegation).
 * Thread-safe.
 */
public final class DecisionPoint {
    private final ConsentSync sync;
    private final ConsentStore store;
    private final ConsentPolicy policy;
    private final PresentedAttestations presented;
    private final LicencePolicy licences;

    public DecisionPoint(ConsentSync sync, ConsentStore store, ConsentPolicy policy) {
        this(sync, store, policy, PresentedAttestations.NONE);
    }

    /**
     * With credentials: an on-chain attestation that records an issued credential counts only through a verified
     * presentation of that credential by its holder, for the purposes the holder disclosed; the presentation's
     * status-list bit is re-checked for every decision.
     */
    public DecisionPoint(ConsentSync sync, ConsentStore store, ConsentPolicy policy,
            PresentedAttestations presented) {
        this(sync, store, policy, presented, LicencePolicy.NONE);
    }

    /**
     * With provider credentialing (issue 19): a provider requester whose licence {@code licences} refuses (revoked, or
     * missing where required) is denied every category, re-checked at every decision.
     */
    public DecisionPoint(ConsentSync sync, ConsentStore store, ConsentPolicy policy, PresentedAttestations presented,
            LicencePolicy licences) {
        this.sync = sync;
        this.store = store;
        this.policy = policy;
        this.presented = presented;
        this.licences = licences;
    }

    /** The decisions for each category, taken at {@code at} against the chain head (synced now). */
    public Decided decide(Account requester, Account patient, List<Category> categories, Purpose purpose,
            Instant at) {
        long block = sync.toHead();
        var grants = store.grantsOf(patient.address());
        List<Attestation> attestations = attestationsOf(requester.address(), block);
        var delegation = store.delegation(patient.address(), requester.address());
        var delegations = grants.stream().anyMatch(DelegatedGrants::delegateSigned)
                ? store.delegationsOf(patient.address())
                : List.<Delegation>of();
        Optional<Decision> unlicensed = licences.enforced() && Licences.requiredFor(requester.kind()).isPresent()
                ? licences.refusal(Licences.check(requester.kind(), attestations,
                        presented.credentialBacked(requester.address()), at, block).standing())
                : Optional.empty();
        if (unlicensed.isPresent()) {
            return new Decided(block, categories, categories.stream().map(c -> unlicensed.get()).toList());
        }
        List<Decision> decisions = categories.stream()
                .map(c -> policy.decide(new AccessRequest(requester.address(), patient.address(), c, purpose, at,
                        block), grants, attestations, delegation, delegations))
                .toList();
        return new Decided(block, categories, decisions);
    }

    /**
     * The requester's attestations as every decision sees them, as of {@code block}: on-chain attestations from issuers
     * trusted for their type, except those recording a credential, which count only through the holder's verified
     * presentations (for the disclosed purposes, revoked when the issuer's status list says so). Discovery and deal
     * matching use the same list, so a credential never counts before it was presented.
     */
    public List<Attestation> attestationsOf(io.salus.core.account.EvmAddress requester, long block) {
        java.util.Set<Long> credentialBacked = presented.credentialBacked(requester);
        return java.util.stream.Stream
                .concat(store.attestationsOf(requester).stream().filter(a -> !credentialBacked.contains(a.id())),
                        presented.presentedBy(requester, block).stream())
                .filter(a -> (store.trustedTypes(a.issuer()) & a.type().mask()) != 0).toList();
    }

    /** A provider's licence standing as of the chain head (synced now), with the policy's refusal if any. */
    public Licensing licensing(Account provider, Instant at) {
        long block = sync.toHead();
        Licences.Checked checked = Licences.check(provider.kind(), attestationsOf(provider.address(), block),
                presented.credentialBacked(provider.address()), at, block);
        return new Licensing(checked, licences.refusal(checked.standing()));
    }

    /** A provider's licence standing and what the node's policy makes of it. */
    public record Licensing(Licences.Checked checked, Optional<Decision> refusal) {
    }

    /**
     * Whether {@code actor} may act for the patient in a delegated scope (managing consent, receiving alerts), decided
     * at {@code at} against the delegation as of the chain head (synced now).
     */
    public Decision decideScope(Account actor, Account patient, io.salus.core.consent.DelegationScope scope,
            Instant at) {
        sync.toHead();
        return policy.decideScope(patient.address(), actor.address(), scope, at,
                store.delegation(patient.address(), actor.address()));
    }

    /** Decisions in the order of the categories asked for, as of {@code block}. */
    public record Decided(long block, List<Category> categories, List<Decision> decisions) {
        public Decided {
            categories = List.copyOf(categories);
            decisions = List.copyOf(decisions);
        }
    }
}
