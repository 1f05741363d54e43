package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Invitation;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.trial.Study;
import io.salus.core.usecase.trial.PatientInvitations;
import io.salus.core.usecase.trial.StudyPosting;
import io.salus.node.wiring.Node;
import io.salus.node.wiring.TrialWiring;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The demo's clinical-trial recruitment story (docs/care.md), as the sponsor and one patient see it: a sponsor
 * posts a study whose escrow it funds on chain, sees only a differentially private count, invites the eligible
 * consenting volunteers without learning who they are; one volunteer accepts (the study-scoped consent is signed with
 * the node-held key and verified by the escrow, which pays the fee); the sponsor then sees that one patient only and
 * attests the study's one milestone for them, which the escrow pays too.
 */
final class DemoTrial {
    static final long FEE = 2_000_000;
    static final int CAP = 5;
    static final String MILESTONE = "week 12 visit";
    static final long MILESTONE_FEE = 1_000_000;
    private final Node node;
    private final PrintStream out;

    DemoTrial(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    /**
     * The sponsor is an account of its own, with its own organisation (so its count does not spend the lab's budget,
     * which the deal used up), attested by the demo's ethics board as the consumer type the volunteers consented to.
     */
    void run(DemoConsent.EnsureAccount ensure, List<Account> volunteers) {
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "Demo ethics board (DEMO)");
        Account lab = ensure.apply("trial-sponsor", AccountKind.CONSUMER, "Demo trial sponsor (DEMO)");
        Instant now = Instant.now();
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        node.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        TrialWiring trials = node.trials();
        node.privacyBudget().assign(lab.id(), "Demo trial sponsor (DEMO)");
        node.dealLedger().mint(lab.address(), (FEE + MILESTONE_FEE) * CAP);
        Result<Study> posted = trials.posting().post(lab, new StudyPosting.Proposal("Wearable heart-rate study "
                + "(DEMO)", "Twelve weeks of resting heart rate from adult volunteers", "{\"age\":{\"min\":18}}",
                List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS), Optional.of(Purpose.HRESCH), FEE, CAP,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of(new Milestone(MILESTONE, MILESTONE_FEE))));
        if (!posted.isOk()) {
            out.println("Trial               not posted: " + posted.failure().code().code() + " "
                    + posted.failure().detail());
            return;
        }
        Study study = posted.orElseThrow();
        out.printf("Trial               %s posted \"%s\" (a FHIR R4 ResearchStudy, validated): escrow %s tokens for "
                + "up to %d patients at %s each plus %s at the \"%s\" milestone, %s%n", lab.displayName(),
                study.title(), DemoDeal.tokens(study.terms().escrow()), CAP, DemoDeal.tokens(FEE),
                DemoDeal.tokens(MILESTONE_FEE), MILESTONE, study.fundTx()
                        .map(t -> "funded on chain in tx " + t).orElse("NOT funded: " + study.fundingError()
                                .orElse("?")));
        String id = study.id().hex();
        var count = trials.sponsors().count(lab, id, "0.5");
        out.println("  sponsor's count   eligible consenting patients: " + (count.isOk()
                ? count.orElseThrow().count().display() + " (differentially private, epsilon 0.5)"
                : "refused " + count.failure().code().code()));
        var invited = trials.sponsors().invite(lab, id);
        if (!invited.isOk()) {
            out.println("  invitations       refused: " + invited.failure().code().code() + " "
                    + invited.failure().detail());
            return;
        }
        Optional<Account> patient = volunteers.stream().filter(v -> invitation(trials, v, study).isPresent())
                .findFirst();
        out.printf("  invited           the eligible consenting volunteers (portal and alerts); the sponsor saw %d "
                + "patients%n", trials.sponsors().enrolments(lab, id).orElseThrow().size());
        if (patient.isEmpty()) {
            out.println("  accepted          nobody was invited (no volunteer matches with a standing consent)");
            return;
        }
        Account p = patient.get();
        Result<Enrolment> enrolled = trials.patients().accept(p, invitation(trials, p, study).orElseThrow().id()
                .toString(), Optional.empty());
        if (!enrolled.isOk()) {
            out.println("  accepted          refused: " + enrolled.failure().code().code() + " "
                    + enrolled.failure().detail());
            return;
        }
        Enrolment e = enrolled.orElseThrow();
        out.printf("  accepted          %s opted in: study consent signed (EIP-712) and verified by the escrow, a "
                + "ResearchSubject; enrolment %s: %s tokens paid in tx %s%n", p.displayName(), e.status(),
                DemoDeal.tokens(FEE), e.txHash().orElse("(pending)"));
        List<Enrolment> seen = trials.sponsors().enrolments(lab, id).orElseThrow();
        out.printf("  sponsor sees      %d enrolled patient(s), only who accepted: %s%n", seen.size(),
                seen.stream().map(x -> x.patient().toString()).toList());
        Result<MilestonePayment> milestone = trials.milestones().attest(lab, id, p.id(), MILESTONE);
        out.println("  milestone         " + (milestone.isOk()
                ? "the sponsor attested \"" + MILESTONE + "\" for " + p.displayName() + ": " + milestone.orElseThrow()
                        .status() + ", " + DemoDeal.tokens(MILESTONE_FEE) + " tokens paid in tx "
                        + milestone
                                .orElseThrow().txHash().orElse("(pending)")
                : "refused " + milestone.failure().code().code() + " " + milestone.failure().detail()));
    }

    private static Optional<Invitation> invitation(TrialWiring trials, Account patient, Study study) {
        return trials.patients().invitations(patient, 20).stream().map(PatientInvitations.Invited::invitation)
                .filter(i -> i.study().equals(study.id()) && i.status() == Invitation.Status.INVITED).findFirst();
    }
}
