-- Verifiable credentials: the issuer-side record of each SD-JWT VC the node issued (never its claims: the holder keeps
-- the credential), the status list token each issuer currently publishes, the single-use presentation nonces, and the
-- verified presentations (only what the holder disclosed). Addresses are lower-case 0x-hex text.

CREATE TABLE credential (
    id              text PRIMARY KEY,
    issuer          text        NOT NULL,
    subject         text        NOT NULL,
    type            text        NOT NULL,
    status_index    integer     NOT NULL CHECK (status_index >= 0),
    attestation_id  bigint,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    UNIQUE (issuer, status_index)
);
CREATE INDEX credential_subject_idx ON credential (subject);

-- the next status-list index per issuer (indexes are never reused, even after a failed issuance)
CREATE TABLE credential_status_counter (
    issuer      text PRIMARY KEY,
    next_index  integer NOT NULL
);

CREATE TABLE credential_status_list (
    issuer      text PRIMARY KEY,
    token       text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE presentation_nonce (
    nonce       text PRIMARY KEY,
    account     text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE TABLE credential_presentation (
    id              text PRIMARY KEY,
    credential_id   text        NOT NULL,
    holder          text        NOT NULL,
    issuer          text        NOT NULL,
    type            text        NOT NULL,
    purposes        integer     NOT NULL,
    disclosed       jsonb       NOT NULL,
    valid_from      timestamptz NOT NULL,
    valid_until     timestamptz NOT NULL,
    status_uri      text        NOT NULL,
    status_index    integer     NOT NULL,
    attestation_id  bigint      NOT NULL,
    nonce           text        NOT NULL UNIQUE REFERENCES presentation_nonce (nonce),
    presented_at    timestamptz NOT NULL
);
CREATE INDEX credential_presentation_holder_idx ON credential_presentation (holder, presented_at);
