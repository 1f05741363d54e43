-- Guardian key recovery: a patient's guardian set and the Shamir shares of the patient's X25519 private key, each
-- HPKE-sealed to its guardian; recoveries (new key sealed under the KEK, claim-token hash) and the shares guardians
-- re-sealed to a recovery's new key when they approved it. The chain holds the guardians, k, each sealed share's hash
-- and the approvals; this is the node's working copy.
CREATE TABLE recovery_guardian_set (
    patient     uuid PRIMARY KEY REFERENCES account (id),
    threshold   integer     NOT NULL CHECK (threshold BETWEEN 1 AND 255),
    epoch       bigint      NOT NULL CHECK (epoch > 0),
    tx_hash     text        NOT NULL,
    set_at      timestamptz NOT NULL
);

CREATE TABLE recovery_share (
    patient     uuid        NOT NULL REFERENCES recovery_guardian_set (patient) ON DELETE CASCADE,
    guardian    uuid        NOT NULL REFERENCES account (id),
    address     text        NOT NULL,
    x           integer     NOT NULL CHECK (x BETWEEN 1 AND 255),
    sealed      bytea       NOT NULL,
    share_hash  bytea       NOT NULL CHECK (octet_length(share_hash) = 32),
    PRIMARY KEY (patient, guardian),
    UNIQUE (patient, x)
);
CREATE INDEX recovery_share_guardian_idx ON recovery_share (guardian);

CREATE TABLE recovery_request (
    id                  uuid PRIMARY KEY,
    patient             uuid        NOT NULL REFERENCES account (id),
    chain_request_id    bigint      NOT NULL,
    epoch               bigint      NOT NULL,
    new_public_key      bytea       NOT NULL CHECK (octet_length(new_public_key) = 32),
    new_sealed_key      bytea       NOT NULL,
    claim_hash          bytea       NOT NULL CHECK (octet_length(claim_hash) = 32),
    open_tx             text        NOT NULL,
    opened_at           timestamptz NOT NULL,
    completed_at        timestamptz
);
CREATE INDEX recovery_request_patient_idx ON recovery_request (patient, opened_at);

CREATE TABLE recovery_approval (
    recovery    uuid        NOT NULL REFERENCES recovery_request (id),
    guardian    uuid        NOT NULL REFERENCES account (id),
    x           integer     NOT NULL CHECK (x BETWEEN 1 AND 255),
    resealed    bytea       NOT NULL,
    tx_hash     text,
    approved_at timestamptz NOT NULL,
    PRIMARY KEY (recovery, guardian)
);
