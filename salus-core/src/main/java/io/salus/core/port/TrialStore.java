package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Invitation;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.trial.Study;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Studies, invitations and enrolments, with the outbox messages of their chain writes in the same transactions.
 * Thread-safe.
 */
public interface TrialStore {

    /** Stores a new study (unfunded) and its funding outbox message, in one transaction. */
    void create(Study study, Instant now);

    Optional<Study> find(Hash32 study);

    List<Study> ofSponsor(AccountId sponsor, int limit);

    /** Marks a study funded with its transaction and completes its funding message. */
    void funded(Hash32 study, String txHash, Instant now);

    /** Records why funding failed; the study stays unfunded (its outbox message is the caller's to settle). */
    void fundingFailed(Hash32 study, String reason);

    void refunded(Hash32 study, String txHash);

    /** Invites the patients not invited to the study yet; returns the new invitations. */
    List<Invitation> invite(Hash32 study, Collection<AccountId> patients, Instant now);

    Optional<Invitation> invitation(UUID id);

    List<Invitation> invitationsOf(AccountId patient, int limit);

    /** Declines an invitation still open; false if it was answered already. */
    boolean decline(UUID invitation, Instant now);

    /**
     * Accepts an open invitation: the invitation ACCEPTED, the enrolment PENDING and its payment's outbox message, in
     * one transaction; false (nothing written) if the invitation was answered already or the patient is enrolled.
     */
    boolean accept(UUID invitation, Enrolment enrolment, Instant now);

    Optional<Enrolment> enrolment(Hash32 study, AccountId patient);

    List<Enrolment> enrolments(Hash32 study);

    /** Enrolments not refused: what counts against the cap. */
    int activeEnrolments(Hash32 study);

    /** Marks an enrolment paid and completes its outbox message. */
    void paid(Hash32 study, AccountId patient, String txHash, Instant now);

    /** Marks an enrolment refused for good (by the escrow) and completes its outbox message. */
    void refused(Hash32 study, AccountId patient, String reason, Instant now);

    /**
     * Records a milestone attested for an enrolled patient (PENDING) and its payment's outbox message, in one
     * transaction; false (nothing written) if this milestone was attested for the patient already.
     */
    boolean attest(MilestonePayment payment, Instant now);

    Optional<MilestonePayment> milestone(Hash32 study, AccountId patient, int index);

    /** A study's attested milestones, oldest first. */
    List<MilestonePayment> milestones(Hash32 study);

    /** Marks a milestone payment PAID (with its transaction) or REFUSED (with the reason); completes its message. */
    void milestoneSettled(MilestonePayment payment, Optional<String> txHash, Optional<String> refusal, Instant now);
}
