-- Trial milestones (issue 19 item 2, decision 0034): the milestones a study declares when it is posted (names and
-- fees, in order: the position is the index the escrow knows), and the milestones its sponsor attested for enrolled
-- patients with their payment by the escrow. No health data: a milestone is the sponsor's protocol step; an
-- attestation is the fact that an enrolled patient reached it. No bytea column.
ALTER TABLE trial_study
    ADD COLUMN milestone_names text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN milestone_fees  bigint[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT trial_study_milestones_match
        CHECK (cardinality(milestone_names) = cardinality(milestone_fees) AND cardinality(milestone_fees) <= 10);

CREATE TABLE trial_milestone (
    study           text        NOT NULL,
    patient         uuid        NOT NULL,
    idx             integer     NOT NULL CHECK (idx >= 0 AND idx < 10),
    name            text        NOT NULL,
    fee             bigint      NOT NULL CHECK (fee > 0),
    patient_address text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'REFUSED')),
    tx_hash         text,
    refusal         text,
    attested_at     timestamptz NOT NULL,
    PRIMARY KEY (study, patient, idx),
    FOREIGN KEY (study, patient) REFERENCES trial_enrolment (study, patient)
);
