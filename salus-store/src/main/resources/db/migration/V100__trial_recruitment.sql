-- Clinical-trial recruitment (issue 19 item 2, decision 0026): studies sponsors posted (their FHIR ResearchStudy,
-- eligibility criteria, escrow terms and funding), invitations of eligible patients (seen by the patient only) and
-- enrolments of the patients who accepted (their study-scoped consent signature, ResearchSubject and payment). No
-- column holds health data of a patient: criteria and the ResearchStudy are the sponsor's; an enrolment is the fact
-- of a consent. No bytea column (nothing here is sealed under the KEK).
CREATE TABLE trial_study (
    id              text        PRIMARY KEY CHECK (id ~ '^0x[0-9a-f]{64}$'),
    seq             bigserial   NOT NULL UNIQUE,
    sponsor         uuid        NOT NULL REFERENCES account (id),
    organisation    text        NOT NULL,
    title           text        NOT NULL,
    criteria        text        NOT NULL,
    categories      text[]      NOT NULL,
    purpose         text        NOT NULL,
    fee             bigint      NOT NULL CHECK (fee > 0),
    cap             integer     NOT NULL CHECK (cap > 0),
    deadline        timestamptz NOT NULL,
    research_study  text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('UNFUNDED', 'FUNDED', 'REFUNDED')),
    fund_tx         text,
    funding_error   text,
    refund_tx       text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX trial_study_sponsor_idx ON trial_study (sponsor, seq DESC);

CREATE TABLE trial_invitation (
    id          uuid        PRIMARY KEY,
    study       text        NOT NULL REFERENCES trial_study (id),
    patient     uuid        NOT NULL REFERENCES account (id),
    status      text        NOT NULL CHECK (status IN ('INVITED', 'ACCEPTED', 'DECLINED')),
    invited_at  timestamptz NOT NULL,
    answered_at timestamptz,
    UNIQUE (study, patient)
);
CREATE INDEX trial_invitation_patient_idx ON trial_invitation (patient, invited_at DESC);

CREATE TABLE trial_enrolment (
    study             text        NOT NULL REFERENCES trial_study (id),
    patient           uuid        NOT NULL REFERENCES account (id),
    patient_address   text        NOT NULL,
    payee             text        NOT NULL,
    consent_signature text        NOT NULL,
    research_subject  text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'REFUSED')),
    tx_hash           text,
    refusal           text,
    enrolled_at       timestamptz NOT NULL,
    PRIMARY KEY (study, patient)
);
