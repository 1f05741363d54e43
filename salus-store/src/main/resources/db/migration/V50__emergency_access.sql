-- Emergency (break-the-glass) access (issue 19, decision 0019): a patient's advance opt-out, every access a responder
-- opened (on which credential, why, until when, its AuditEvents and AccessLog transaction) with its review, and the
-- notices to the patient and the delegates receiving their alerts. Justifications, notes and notice texts can hold
-- health information: they are sealed under the KEK (KeyManager.sealValue, bound to their row).
CREATE TABLE emergency_opt_out (
    patient     uuid        PRIMARY KEY REFERENCES account (id),
    opted_out   boolean     NOT NULL,
    changed_at  timestamptz NOT NULL
);

CREATE TABLE break_glass_access (
    id                   uuid        PRIMARY KEY,
    seq                  bigserial   NOT NULL UNIQUE,
    responder            uuid        NOT NULL REFERENCES account (id),
    patient              uuid        NOT NULL REFERENCES account (id),
    sealed_justification bytea       NOT NULL,
    credential_type      text        NOT NULL,
    attestation_id       bigint      NOT NULL,
    opened_at            timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    audit_entries        uuid[]      NOT NULL,
    tx_hash              text        NOT NULL,
    reviewer             uuid        REFERENCES account (id),
    justified            boolean,
    sealed_review_note   bytea,
    reviewed_at          timestamptz,
    CONSTRAINT break_glass_expires_after_opening CHECK (expires_at > opened_at),
    CONSTRAINT break_glass_reviewed_fully CHECK ((reviewer IS NULL) = (justified IS NULL)
        AND (reviewer IS NULL) = (reviewed_at IS NULL) AND (reviewer IS NULL) = (sealed_review_note IS NULL))
);
CREATE INDEX break_glass_patient_idx ON break_glass_access (patient, opened_at DESC, seq DESC);
CREATE INDEX break_glass_unreviewed_idx ON break_glass_access (seq) WHERE reviewer IS NULL;

CREATE TABLE emergency_notice (
    id           bigserial   PRIMARY KEY,
    access       uuid        NOT NULL REFERENCES break_glass_access (id),
    recipient    uuid        NOT NULL REFERENCES account (id),
    role         text        NOT NULL CHECK (role IN ('PATIENT', 'DELEGATE', 'PROVIDER')),
    patient      uuid        NOT NULL REFERENCES account (id),
    at           timestamptz NOT NULL,
    sealed_text  bytea       NOT NULL,
    UNIQUE (access, recipient)
);
CREATE INDEX emergency_notice_recipient_idx ON emergency_notice (recipient, at DESC, id DESC);
