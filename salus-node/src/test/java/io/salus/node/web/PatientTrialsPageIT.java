package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.trial.Study;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.trial.PatientInvitations;
import io.salus.core.usecase.trial.StudyPosting;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import io.salus.testkit.EmergencyBundles;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The portal's trial pages: the patient sees the invitation and accepts it with the session's CSRF token only (a
 * forged form enrols nobody); the sponsor's study page shows nobody before, and the patient after.
 */
class PatientTrialsPageIT {

    @Test
    void aSignedInPatientAcceptsAnInvitation_aForgedFormEnrolsNobody_andTheSponsorPageShowsOnlyThemAfter() {
        Node node = SharedNode.node();
        Instant now = Instant.now();
        Account board = node.accounts().open(AccountKind.ISSUER, "Trial page board").orElseThrow().account();
        AccountService.Opened labOpened = node.accounts().open(AccountKind.CONSUMER, "Trial page lab").orElseThrow();
        Account lab = labOpened.account();
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        node.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.CLINTRCH.mask(), now.minusSeconds(60), now.plus(30, ChronoUnit.DAYS))).orElseThrow();
        node.privacyBudget().assign(lab.id(), "Trial page org " + UUID.randomUUID());
        node.dealLedger().mint(lab.address(), 10_000_000);
        SharedNode.Account web = SharedNode.open("PATIENT", "Trial page patient");
        Account patient = node.accounts().find(AccountId.parse(web.id()).orElseThrow()).orElseThrow();
        node.deposits().deposit(new DepositService.Command(patient, patient.id(), EmergencyBundles.patient(
                "trial-page-" + UUID.randomUUID()), Optional.empty(), "test")).orElseThrow();
        node.consents().grantCustodial(patient, new GrantTerms(patient.address(), Category.DEMOGRAPHICS.mask(),
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.CLINTRCH.mask(), now.minusSeconds(60),
                now.plus(30, ChronoUnit.DAYS), 0, Optional.empty())).orElseThrow();
        Study study = node.trials().posting().post(lab, new StudyPosting.Proposal("Portal study " + UUID
                .randomUUID(), "", "{\"age\":{\"min\":18}}", List.of(Category.DEMOGRAPHICS),
                Optional.of(Purpose.CLINTRCH), 1_000_000, 2, now.plus(1, ChronoUnit.HOURS))).orElseThrow();
        node.trials().sponsors().invite(lab, study.id().hex()).orElseThrow();
        String invitation = node.trials().patients().invitations(patient, 10).stream()
                .map(PatientInvitations.Invited::invitation).filter(i -> i.study().equals(study.id())).findFirst()
                .orElseThrow().id().toString();
        PortalHttp sponsor = new PortalHttp(SharedNode.url());
        sponsor.signIn(labOpened.apiToken());
        assertThat(sponsor.get("/portal/consumer/trials/" + study.id().hex()).body())
                .contains(study.title(), "Nobody has accepted yet").doesNotContain(patient.id().toString())
                .doesNotContain(patient.address().hex());

        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(web.token());
        assertThat(client.get("/portal/patient/trials").body()).contains(study.title(), "Accept", "Decline");
        HttpResponse<String> forged = client.post("/portal/patient/trials/" + invitation + "/accept", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(node.trials().sponsors().enrolments(lab, study.id().hex()).orElseThrow()).isEmpty();

        client.postWithCsrf("/portal/patient/trials/" + invitation + "/accept", Map.of());
        assertThat(client.get("/portal/patient/trials").body()).contains("enrolled, paid");
        assertThat(sponsor.get("/portal/consumer/trials/" + study.id().hex()).body())
                .contains(patient.id().toString(), patient.address().hex());
    }
}
