package io.salus.core.trial;

/** The outbox kinds of trial recruitment: chain writes recorded with the state they belong to. */
public final class TrialOutbox {
    /** Written with a new study; delivered by TrialEscrow.fund signed by the sponsor. Key and payload: studyId. */
    public static final String FUND = "trial-fund";
    /**
     * Written with an enrolment; delivered by TrialEscrow.enrol (the node, with the patient's signature). Key:
     * studyId|patient address; payload: studyId, patient (account id).
     */
    public static final String ENROL = "trial-enrol";
    /**
     * Written with a milestone the sponsor attested; delivered by TrialEscrow.payMilestone signed by the sponsor. Key:
     * studyId|patient address|milestone index; payload: studyId, patient (account id), index.
     */
    public static final String MILESTONE = "trial-milestone";

    private TrialOutbox() {
    }
}
