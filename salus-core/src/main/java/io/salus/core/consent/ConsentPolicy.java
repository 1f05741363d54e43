package io.salus.core.consent;

import io.salus.core.error.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * The one decision function every read of health data by anyone but its owner goes through. Pure (no I/O, no clock:
 * the time and block come with the request), stateless and thread-safe.
 *
 * <p>
 * <b>Default deny.</b> A request is permitted along one of two paths, and denied with the most specific reason
 * otherwise:
 * <ol>
 * <li><b>Delegation.</b> A delegation from the patient to the requester with {@link DelegationScope#VIEW_RECORDS},
 * valid at {@code req.at()}, permits (basis {@link Decision.Basis#DELEGATION}). A delegation that is not for this
 * (patient, requester) pair is ignored.</li>
 * <li><b>Attestation and grant</b>, two conditions that must both hold (deny-overrides: the first failing check
 * decides):
 * <ol type="a">
 * <li>The requester's attestations (those whose subject is the requester; issuer trust is checked when they are
 * recorded on chain), checked in this order: none at all: {@code NO_ATTESTATION}; all revoked at {@code req.block()}:
 * {@code ATTESTATION_REVOKED}; none of the unrevoked ones valid at {@code req.at()} (expired or not yet valid):
 * {@code ATTESTATION_EXPIRED}; none of the valid ones allows {@code req.purpose()}: {@code PURPOSE_NOT_ATTESTED}. The
 * requester's <em>attested types</em> are the types of the unrevoked, valid attestations that allow the purpose.</li>
 * <li>The patient's grants (those whose patient is the request's patient), narrowed step by step, each step denying
 * with its code if nothing is left: grants for any attested type: {@code NO_CONSENT}; of those, grants without a named
 * consumer or naming the requester: {@code NOT_NAMED_CONSUMER}; covering the purpose: {@code PURPOSE_NOT_GRANTED};
 * covering the category: {@code CATEGORY_NOT_GRANTED}; not revoked at {@code req.block()} (a revocation is effective
 * from the block that carries it): {@code CONSENT_REVOKED}; valid at {@code req.at()} in the half-open window
 * {@code [validFrom, validUntil)}: {@code CONSENT_EXPIRED} if all remaining ones have expired, otherwise
 * {@code CONSENT_NOT_YET_VALID} (some consent will apply later). What is left permits, naming the lowest grant
 * id.</li>
 * </ol>
 * </li>
 * </ol>
 * The two paths are alternatives: a delegation that lacks {@code VIEW_RECORDS} or has expired does not hide a valid
 * grant. If neither path permits and there is such a delegation, the denial is {@code DELEGATION_SCOPE} (the
 * relationship between the two accounts is the more specific reason) and its text also gives the grant path's reason;
 * without a delegation, the grant path's denial is returned. Price is not part of access decisions (it applies to
 * deals). The owner's own reads do not come here.
 *
 * <p>
 * <b>Grants signed by a delegate</b> count only inside the delegation they were signed under
 * ({@link DelegatedGrants}): capped at the delegation's end, revoked from the block of any later delegation the patient
 * set (so a revoked or narrowed delegation takes its delegate's grants with it), never counting without a
 * {@link DelegationScope#MANAGE_CONSENT} delegation or when they name the signer as the consumer, and never permitting
 * the delegate that signed them (an open grant for a type the delegate holds is no way round "not itself"). Each is replaced by
 * the grant it effectively is before the steps above, so a lapsed one is denied as {@code CONSENT_REVOKED} or
 * {@code CONSENT_EXPIRED}.
 *
 * <p>
 * The caller passes the chain state it has projected up to {@code req.block()} (for delegations, the latest one of
 * each pair recorded at or before it); grants and attestations are not filtered by the block that recorded them.
 */
public final class ConsentPolicy {

    /**
     * Decides with the patient's delegations unknown: a grant signed by a delegate does not count (fail closed). Use
     * {@link #decide(AccessRequest, List, List, Optional, List)} where grants signed by delegates may occur.
     */
    public Decision decide(AccessRequest req, List<Grant> patientGrants, List<Attestation> requesterAttestations,
            Optional<Delegation> delegationFromPatientToRequester) {
        return decide(req, patientGrants, requesterAttestations, delegationFromPatientToRequester, List.of());
    }

    /**
     * Decides with the patient's delegations ({@code patientDelegations}: the latest delegation of each delegate, as
     * of {@code req.block()}), against which grants signed by delegates are {@linkplain DelegatedGrants checked}.
     */
    public Decision decide(AccessRequest req, List<Grant> patientGrants, List<Attestation> requesterAttestations,
            Optional<Delegation> delegationFromPatientToRequester, List<Delegation> patientDelegations) {
        Optional<Delegation> delegation = delegationFromPatientToRequester
                .filter(d -> d.patient().equals(req.patient()) && d.delegate().equals(req.requester()));
        if (delegation.isPresent() && delegation.get().allows(DelegationScope.VIEW_RECORDS, req.at())) {
            return Decision.permitByDelegation("delegation from the patient with VIEW_RECORDS until "
                    + delegation.get().validUntil());
        }
        Decision viaGrant = grantPath(req, DelegatedGrants.effective(patientGrants, patientDelegations),
                requesterAttestations);
        if (viaGrant.permitted() || delegation.isEmpty()) {
            return viaGrant;
        }
        String why = (delegation.get().scopes() & DelegationScope.VIEW_RECORDS.mask()) == 0
                ? "the delegation does not include VIEW_RECORDS"
                : "the delegation expired at " + delegation.get().validUntil();
        return Decision.deny(ErrorCode.DELEGATION_SCOPE, why + "; and " + viaGrant.reason());
    }

    /**
     * Whether the actor may act for the patient in a delegated scope other than reading records (managing consent,
     * receiving alerts): the patient always may; otherwise only a delegation from the patient to the actor that
     * includes the scope and is valid at {@code at} permits (basis {@link Decision.Basis#DELEGATION}). Anything else
     * is {@code DELEGATION_SCOPE}: no delegation, one without the scope (scopes 0 after a revocation) or an expired
     * one. A delegation that is not for this (patient, actor) pair is ignored.
     */
    public Decision decideScope(io.salus.core.account.EvmAddress patient, io.salus.core.account.EvmAddress actor,
            DelegationScope scope, java.time.Instant at, Optional<Delegation> delegationFromPatientToActor) {
        if (actor.equals(patient)) {
            return Decision.permitByDelegation("the patient acts for themself");
        }
        Optional<Delegation> d = delegationFromPatientToActor
                .filter(x -> x.patient().equals(patient) && x.delegate().equals(actor));
        if (d.isEmpty()) {
            return Decision.deny(ErrorCode.DELEGATION_SCOPE, "no delegation from the patient to " + actor);
        }
        if ((d.get().scopes() & scope.mask()) == 0) {
            return Decision.deny(ErrorCode.DELEGATION_SCOPE, "the delegation does not include " + scope);
        }
        if (!at.isBefore(d.get().validUntil())) {
            return Decision.deny(ErrorCode.DELEGATION_SCOPE, "the delegation expired at " + d.get().validUntil());
        }
        return Decision.permitByDelegation("delegation from the patient with " + scope + " until "
                + d.get().validUntil());
    }

    private static Decision grantPath(AccessRequest req, List<Grant> grants, List<Attestation> attestations) {
        List<Attestation> own = attestations.stream().filter(a -> a.subject().equals(req.requester())).toList();
        if (own.isEmpty()) {
            return Decision.deny(ErrorCode.NO_ATTESTATION, "the requester holds no attestation");
        }
        List<Attestation> unrevoked = own.stream().filter(a -> !a.revokedAt(req.block())).toList();
        if (unrevoked.isEmpty()) {
            return Decision.deny(ErrorCode.ATTESTATION_REVOKED,
                    "every attestation of the requester was revoked by block " + req.block());
        }
        List<Attestation> valid = unrevoked.stream().filter(a -> a.validAt(req.at())).toList();
        if (valid.isEmpty()) {
            return Decision.deny(ErrorCode.ATTESTATION_EXPIRED,
                    "no attestation of the requester is valid at " + req.at());
        }
        int types = 0;
        for (Attestation a : valid) {
            if ((a.purposes() & req.purpose().mask()) != 0) {
                types |= a.type().mask();
            }
        }
        if (types == 0) {
            return Decision.deny(ErrorCode.PURPOSE_NOT_ATTESTED,
                    "no attestation of the requester allows purpose " + req.purpose());
        }
        return grantCheck(req, grants, types);
    }

    private static Decision grantCheck(AccessRequest req, List<Grant> grants, int attestedTypes) {
        List<Grant> left = grants.stream().filter(g -> g.terms().patient().equals(req.patient()))
                .filter(g -> (g.terms().attestationTypes() & attestedTypes) != 0).toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.NO_CONSENT, "no grant of the patient is for the requester's types "
                    + AttestationType.fromMask(attestedTypes) + " (default deny)");
        }
        left = left.stream().filter(g -> g.terms().namedConsumer().map(req.requester()::equals).orElse(true))
                .toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.NOT_NAMED_CONSUMER, "every applicable grant names another consumer");
        }
        left = left.stream().filter(g -> !(DelegatedGrants.delegateSigned(g) && g.signer().equals(req.requester())))
                .toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.DELEGATE_GRANT_TO_ITSELF, "every applicable grant was signed by the "
                    + "requester as the patient's delegate: a delegate does not grant itself access");
        }
        left = left.stream().filter(g -> (g.terms().purposes() & req.purpose().mask()) != 0).toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.PURPOSE_NOT_GRANTED, "no grant covers purpose " + req.purpose());
        }
        left = left.stream().filter(g -> (g.terms().categories() & req.category().mask()) != 0).toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.CATEGORY_NOT_GRANTED, "no grant for purpose " + req.purpose()
                    + " covers category " + req.category());
        }
        left = left.stream().filter(g -> !g.revokedAt(req.block())).toList();
        if (left.isEmpty()) {
            return Decision.deny(ErrorCode.CONSENT_REVOKED, "every covering grant was revoked by block "
                    + req.block());
        }
        return timeCheck(req, left);
    }

    private static Decision timeCheck(AccessRequest req, List<Grant> unrevoked) {
        Optional<Grant> permitting = unrevoked.stream()
                .filter(g -> !req.at().isBefore(g.terms().validFrom()) && req.at().isBefore(g.terms().validUntil()))
                .min(java.util.Comparator.comparingLong(Grant::id));
        if (permitting.isPresent()) {
            Grant g = permitting.get();
            return Decision.permitByGrant(g.id(), "grant " + g.id() + " covers " + req.category() + " for "
                    + req.purpose() + " until " + g.terms().validUntil());
        }
        boolean allExpired = unrevoked.stream().allMatch(g -> !req.at().isBefore(g.terms().validUntil()));
        if (allExpired) {
            return Decision.deny(ErrorCode.CONSENT_EXPIRED, "every covering grant expired by " + req.at());
        }
        return Decision.deny(ErrorCode.CONSENT_NOT_YET_VALID, "no covering grant is valid yet at " + req.at());
    }
}
