package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Decision;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.core.usecase.consent.DecisionPoint.Decided;
import io.salus.store.Database;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DecisionPoint} on the consent projections synced from the chain: default deny; a permit only for an attested
 * requester, within the attested purposes and the granted categories, purposes and window; revoked grants and
 * attestations and distrusted issuers deny new access; delegations permit only their scopes until they expire.
 */
@WithPostgres
@WithChain
class DecisionPointIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static Adapters.Consent c;
    static Account issuer;
    static Account researcher;
    Account patient;

    @AfterAll
    static void stop() {
        c.close();
    }

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        c = a.consent();
        issuer = a.trustedIssuer(c, AttestationType.ACADEMIC_RESEARCHER.mask());
        researcher = a.open(AccountKind.CONSUMER, "University lab");
        c.attestations().attest(issuer, new Payloads.Attest(researcher.address(),
                AttestationType.ACADEMIC_RESEARCHER, Purpose.HRESCH.mask() | Purpose.CLINTRCH.mask(),
                seconds(a.clock.instant().minus(Duration.ofDays(1))),
                seconds(a.clock.instant().plus(Duration.ofDays(365)))))
                .orElseThrow();
    }

    @BeforeEach
    void aPatient() {
        patient = a.open(AccountKind.PATIENT, "Deciding patient");
    }

    static Instant seconds(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond());
    }

    /** The patient grants lab results to academic researchers for {@code purposes}, from a minute ago for 30 days. */
    long grantLabResults(int purposes) {
        Instant now = a.clock.instant();
        return c.service().grantCustodial(patient, new GrantTerms(patient.address(), Category.LAB_RESULTS.mask(),
                AttestationType.ACADEMIC_RESEARCHER.mask(), purposes, seconds(now.minusSeconds(60)),
                seconds(now.plus(Duration.ofDays(30))), 0, Optional.empty())).orElseThrow().grantId();
    }

    Decision decide(Account requester, Category category, Purpose purpose, Instant at) {
        Decided d = c.decisionPoint().decide(requester, patient, List.of(category), purpose, at);
        return d.decisions().get(0);
    }

    Decision decide(Account requester, Category category, Purpose purpose) {
        return decide(requester, category, purpose, a.clock.instant());
    }

    @Test
    void withoutAGrant_everyCategoryIsDenied() {
        List<Category> all = List.of(Category.values());

        Decided d = c.decisionPoint().decide(researcher, patient, all, Purpose.HRESCH, a.clock.instant());

        assertThat(d.categories()).isEqualTo(all);
        assertThat(d.decisions()).hasSize(all.size()).allSatisfy(x -> {
            assertThat(x.permitted()).isFalse();
            assertThat(x.code()).contains(ErrorCode.NO_CONSENT);
        });
    }

    @Test
    void anAttestedResearcherWithAGrant_isPermittedTheGrantedCategoryOnly() {
        long grant = grantLabResults(Purpose.HRESCH.mask());

        Decision labs = decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH);
        Decision conditions = decide(researcher, Category.CONDITIONS, Purpose.HRESCH);

        assertThat(labs.permitted()).isTrue();
        assertThat(labs.basis()).isEqualTo(Decision.Basis.GRANT);
        assertThat(labs.grantId()).contains(grant);
        assertThat(conditions.code()).contains(ErrorCode.CATEGORY_NOT_GRANTED);
    }

    @Test
    void aPurposeTheGrantDoesNotCover_orTheAttestationDoesNotAllow_isDenied() {
        grantLabResults(Purpose.HRESCH.mask() | Purpose.PUBHLTH.mask());

        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.CLINTRCH).code())
                .contains(ErrorCode.PURPOSE_NOT_GRANTED);
        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.PUBHLTH).code())
                .contains(ErrorCode.PURPOSE_NOT_ATTESTED);
    }

    @Test
    void aConsumerWithoutAttestation_isDenied_evenForAGrantedCategory() {
        grantLabResults(Purpose.HRESCH.mask());
        Account unattested = a.open(AccountKind.CONSUMER, "Unattested lab");

        assertThat(decide(unattested, Category.LAB_RESULTS, Purpose.HRESCH).code())
                .contains(ErrorCode.NO_ATTESTATION);
    }

    @Test
    void aRevokedGrant_deniesNewAccess() {
        long grant = grantLabResults(Purpose.HRESCH.mask());
        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH).permitted()).isTrue();

        c.service().revokeCustodial(patient, grant).orElseThrow();

        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH).code())
                .contains(ErrorCode.CONSENT_REVOKED);
    }

    @Test
    void outsideTheGrantsWindow_accessIsDenied() {
        grantLabResults(Purpose.HRESCH.mask());
        Instant now = a.clock.instant();

        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH, now.plus(Duration.ofDays(31))).code())
                .contains(ErrorCode.CONSENT_EXPIRED);
        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH, now.minusSeconds(3_600)).code())
                .contains(ErrorCode.CONSENT_NOT_YET_VALID);
    }

    /** A consumer attested as an academic researcher for research by a newly trusted issuer. */
    Account attestedBy(Account board, String name) {
        Account lab = a.open(AccountKind.CONSUMER, name);
        Instant now = a.clock.instant();
        c.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), seconds(now.minusSeconds(60)), seconds(now.plus(Duration.ofDays(30)))))
                .orElseThrow();
        return lab;
    }

    @Test
    void aRevokedAttestation_deniesNewAccess() {
        Account board = a.trustedIssuer(c, AttestationType.ACADEMIC_RESEARCHER.mask());
        Account lab = attestedBy(board, "Soon revoked lab");
        grantLabResults(Purpose.HRESCH.mask());
        assertThat(decide(lab, Category.LAB_RESULTS, Purpose.HRESCH).permitted()).isTrue();

        long id = c.attestations().of(lab.address()).get(0).id();
        c.attestations().revoke(board, id).orElseThrow();

        assertThat(decide(lab, Category.LAB_RESULTS, Purpose.HRESCH).code())
                .contains(ErrorCode.ATTESTATION_REVOKED);
    }

    @Test
    void aDistrustedIssuersAttestations_noLongerCount_othersStill() {
        Account board = a.trustedIssuer(c, AttestationType.ACADEMIC_RESEARCHER.mask());
        Account lab = attestedBy(board, "Soon distrusted lab");
        grantLabResults(Purpose.HRESCH.mask());
        assertThat(decide(lab, Category.LAB_RESULTS, Purpose.HRESCH).permitted()).isTrue();

        c.attestations().trust(a.open(AccountKind.OPERATOR, "Operator"), board, 0).orElseThrow();

        assertThat(decide(lab, Category.LAB_RESULTS, Purpose.HRESCH).code()).contains(ErrorCode.NO_ATTESTATION);
        assertThat(decide(researcher, Category.LAB_RESULTS, Purpose.HRESCH).permitted())
                .as("attested by another issuer").isTrue();
    }

    @Test
    void aDelegatePermittedByScope_untilTheDelegationExpires() {
        Account caregiver = a.open(AccountKind.CAREGIVER, "Caregiver");
        Instant until = seconds(a.clock.instant().plus(Duration.ofDays(7)));
        c.service().delegateCustodial(patient, caregiver.address(),
                DelegationScope.maskOf(EnumSet.of(DelegationScope.VIEW_RECORDS, DelegationScope.MANAGE_CONSENT)),
                until).orElseThrow();

        Decision read = decide(caregiver, Category.CONDITIONS, Purpose.TREAT);
        Decision manage = c.decisionPoint().decideScope(caregiver, patient, DelegationScope.MANAGE_CONSENT,
                a.clock.instant());
        Decision alerts = c.decisionPoint().decideScope(caregiver, patient, DelegationScope.RECEIVE_ALERTS,
                a.clock.instant());
        Decision later = c.decisionPoint().decideScope(caregiver, patient, DelegationScope.MANAGE_CONSENT,
                until.plusSeconds(1));

        assertThat(read.permitted()).isTrue();
        assertThat(read.basis()).isEqualTo(Decision.Basis.DELEGATION);
        assertThat(manage.permitted()).isTrue();
        assertThat(alerts.code()).contains(ErrorCode.DELEGATION_SCOPE);
        assertThat(later.code()).contains(ErrorCode.DELEGATION_SCOPE);
        assertThat(decide(caregiver, Category.CONDITIONS, Purpose.TREAT, until.plusSeconds(1)).permitted()).isFalse();
    }
}
