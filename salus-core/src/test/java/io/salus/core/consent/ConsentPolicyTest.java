package io.salus.core.consent;

import static io.salus.core.consent.ConsentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {
    private final ConsentPolicy policy = new ConsentPolicy();
    private final AccessRequest conditionsForResearch = request(Category.CONDITIONS, Purpose.HRESCH);

    private Decision decide(AccessRequest req, List<Grant> grants, List<Attestation> attestations) {
        return policy.decide(req, grants, attestations, Optional.empty());
    }

    private static void assertDenied(Decision d, ErrorCode code) {
        assertThat(d.permitted()).isFalse();
        assertThat(d.code()).contains(code);
        assertThat(d.grantId()).isEmpty();
    }

    @Test
    void coveringGrant_permitsNamingTheLowestGrantId() {
        Decision d = decide(conditionsForResearch, List.of(researchGrant(7), researchGrant(3)), List.of(researcher()));
        assertThat(d.permitted()).isTrue();
        assertThat(d.basis()).isEqualTo(Decision.Basis.GRANT);
        assertThat(d.grantId()).contains(3L);
    }

    @Test
    void requesterWithoutAttestation_isDeniedNoAttestation() {
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of()), ErrorCode.NO_ATTESTATION);
    }

    @Test
    void attestationOfAnotherSubject_countsAsNoAttestation() {
        Attestation foreign = new Attestation(1, ISSUER, OTHER_CONSUMER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), T0, T1, 1, Optional.empty());
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(foreign)),
                ErrorCode.NO_ATTESTATION);
    }

    @Test
    void attestationRevokedAtTheRequestBlock_isDeniedAttestationRevoked() {
        Attestation revoked = new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), T0, T1, 1, Optional.of(BLOCK));
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(revoked)),
                ErrorCode.ATTESTATION_REVOKED);
    }

    @Test
    void attestationRevokedAtALaterBlock_stillPermits() {
        Attestation revokedLater = new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), T0, T1, 1, Optional.of(BLOCK + 1));
        assertThat(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(revokedLater)).permitted())
                .isTrue();
    }

    @Test
    void expiredAttestation_isDeniedAttestationExpired() {
        Attestation expired = new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), T0, NOW, 1, Optional.empty());
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(expired)),
                ErrorCode.ATTESTATION_EXPIRED);
    }

    @Test
    void notYetValidAttestation_isDeniedAttestationExpired() {
        Attestation future = new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), NOW.plusSeconds(1), T1, 1, Optional.empty());
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(future)),
                ErrorCode.ATTESTATION_EXPIRED);
    }

    @Test
    void attestationNotAllowingThePurpose_isDeniedPurposeNotAttested() {
        Attestation marketing = attestation(AttestationType.ACADEMIC_RESEARCHER, Purpose.HMARKT.mask());
        assertDenied(decide(conditionsForResearch, List.of(researchGrant(1)), List.of(marketing)),
                ErrorCode.PURPOSE_NOT_ATTESTED);
    }

    @Test
    void grantForOtherConsumerTypes_isDeniedNoConsent() {
        Grant pharmaOnly = grant(1, terms(Category.CONDITIONS.mask(), AttestationType.PHARMA.mask(),
                Purpose.HRESCH.mask()));
        assertDenied(decide(conditionsForResearch, List.of(pharmaOnly), List.of(researcher())), ErrorCode.NO_CONSENT);
    }

    @Test
    void noGrantsAtAll_isDeniedNoConsent() {
        assertDenied(decide(conditionsForResearch, List.of(), List.of(researcher())), ErrorCode.NO_CONSENT);
    }

    @Test
    void typeAttestedOnlyForAnotherPurpose_doesNotMatchGrants() {
        Attestation pharmaForMarketing = new Attestation(2, ISSUER, RESEARCHER, AttestationType.PHARMA,
                Purpose.HMARKT.mask(), T0, T1, 1, Optional.empty());
        Grant pharmaOnly = grant(1, terms(Category.CONDITIONS.mask(), AttestationType.PHARMA.mask(),
                Purpose.HRESCH.mask()));
        assertDenied(decide(conditionsForResearch, List.of(pharmaOnly), List.of(researcher(), pharmaForMarketing)),
                ErrorCode.NO_CONSENT);
    }

    @Test
    void grantNamingAnotherConsumer_isDeniedNotNamedConsumer() {
        GrantTerms t = researchGrant(1).terms();
        Grant named = grant(1, new GrantTerms(PATIENT, t.categories(), t.attestationTypes(), t.purposes(), T0, T1, 0,
                Optional.of(OTHER_CONSUMER)));
        assertDenied(decide(conditionsForResearch, List.of(named), List.of(researcher())),
                ErrorCode.NOT_NAMED_CONSUMER);
    }

    @Test
    void grantNamingTheRequester_permits() {
        GrantTerms t = researchGrant(1).terms();
        Grant named = grant(1, new GrantTerms(PATIENT, t.categories(), t.attestationTypes(), t.purposes(), T0, T1, 0,
                Optional.of(RESEARCHER)));
        assertThat(decide(conditionsForResearch, List.of(named), List.of(researcher())).grantId()).contains(1L);
    }

    @Test
    void grantForAnotherPurpose_isDeniedPurposeNotGranted() {
        AccessRequest trial = request(Category.CONDITIONS, Purpose.CLINTRCH);
        assertDenied(decide(trial, List.of(researchGrant(1)), List.of(researcher())), ErrorCode.PURPOSE_NOT_GRANTED);
    }

    @Test
    void categoryOutsideTheGrant_isDeniedCategoryNotGranted() {
        AccessRequest imaging = request(Category.IMAGING, Purpose.HRESCH);
        assertDenied(decide(imaging, List.of(researchGrant(1)), List.of(researcher())),
                ErrorCode.CATEGORY_NOT_GRANTED);
    }

    @Test
    void grantRevokedAtTheRequestBlock_isDeniedConsentRevoked() {
        Grant revoked = new Grant(1, researchGrant(1).terms(), PATIENT, 10, Optional.of(BLOCK));
        assertDenied(decide(conditionsForResearch, List.of(revoked), List.of(researcher())),
                ErrorCode.CONSENT_REVOKED);
    }

    @Test
    void grantRevokedAtTheNextBlock_stillPermits() {
        Grant revokedNext = new Grant(1, researchGrant(1).terms(), PATIENT, 10, Optional.of(BLOCK + 1));
        assertThat(decide(conditionsForResearch, List.of(revokedNext), List.of(researcher())).permitted()).isTrue();
    }

    @Test
    void grantStartingLater_isDeniedConsentNotYetValid() {
        Grant later = grant(1, windowed(NOW.plusSeconds(1), T1));
        assertDenied(decide(conditionsForResearch, List.of(later), List.of(researcher())),
                ErrorCode.CONSENT_NOT_YET_VALID);
    }

    @Test
    void grantEndingAtTheRequestTime_isDeniedConsentExpired() {
        Grant ended = grant(1, windowed(T0, NOW));
        assertDenied(decide(conditionsForResearch, List.of(ended), List.of(researcher())), ErrorCode.CONSENT_EXPIRED);
    }

    @Test
    void grantStartingAtTheRequestTime_permits() {
        assertThat(decide(conditionsForResearch, List.of(grant(1, windowed(NOW, T1))), List.of(researcher()))
                .permitted()).isTrue();
    }

    @Test
    void delegationWithViewRecords_permitsWithoutGrantOrAttestation() {
        Delegation view = new Delegation(PATIENT, RESEARCHER, DelegationScope.VIEW_RECORDS.mask(), T1, 5);
        Decision d = policy.decide(conditionsForResearch, List.of(), List.of(), Optional.of(view));
        assertThat(d.permitted()).isTrue();
        assertThat(d.basis()).isEqualTo(Decision.Basis.DELEGATION);
    }

    @Test
    void delegationWithoutViewRecords_isDeniedDelegationScope() {
        Delegation manage = new Delegation(PATIENT, RESEARCHER, DelegationScope.MANAGE_CONSENT.mask(), T1, 5);
        assertDenied(policy.decide(conditionsForResearch, List.of(), List.of(), Optional.of(manage)),
                ErrorCode.DELEGATION_SCOPE);
    }

    @Test
    void expiredDelegation_isDeniedDelegationScope() {
        Delegation expired = new Delegation(PATIENT, RESEARCHER, DelegationScope.VIEW_RECORDS.mask(), NOW, 5);
        assertDenied(policy.decide(conditionsForResearch, List.of(), List.of(), Optional.of(expired)),
                ErrorCode.DELEGATION_SCOPE);
    }

    @Test
    void insufficientDelegation_doesNotHideAValidGrant() {
        Delegation expired = new Delegation(PATIENT, RESEARCHER, DelegationScope.VIEW_RECORDS.mask(), NOW, 5);
        Decision d = policy.decide(conditionsForResearch, List.of(researchGrant(4)), List.of(researcher()),
                Optional.of(expired));
        assertThat(d.grantId()).contains(4L);
    }

    @Test
    void delegationToSomeoneElse_isIgnored() {
        Delegation toCaregiver = new Delegation(PATIENT, CAREGIVER, DelegationScope.VIEW_RECORDS.mask(), T1, 5);
        assertDenied(policy.decide(conditionsForResearch, List.of(), List.of(), Optional.of(toCaregiver)),
                ErrorCode.NO_ATTESTATION);
    }

    private static GrantTerms windowed(Instant from, Instant until) {
        GrantTerms t = researchGrant(1).terms();
        return new GrantTerms(PATIENT, t.categories(), t.attestationTypes(), t.purposes(), from, until, 0,
                Optional.empty());
    }
}
