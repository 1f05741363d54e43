-- Consent: the projection of the consent contracts' events (grants, attestations, trusted issuers, delegations,
-- access logs and the sync cursor), which can be truncated and rebuilt from the chain, and the audit trail of every
-- decision, which cannot. Addresses are lower-case 0x-hex text; masks are the on-chain bit masks; instants are
-- timestamptz (grant and attestation windows in whole seconds, as on chain).

CREATE TABLE consent_grant (
    id                 bigint PRIMARY KEY,
    patient            text        NOT NULL,
    signer             text        NOT NULL,
    categories         bigint      NOT NULL,
    attestation_types  integer     NOT NULL,
    purposes           integer     NOT NULL,
    valid_from         timestamptz NOT NULL,
    valid_until        timestamptz NOT NULL,
    min_price          bigint      NOT NULL,
    named_consumer     text,
    granted_at_block   bigint      NOT NULL,
    revoked_at_block   bigint
);
CREATE INDEX consent_grant_patient_idx ON consent_grant (patient, id);

CREATE TABLE consent_attestation (
    id                bigint PRIMARY KEY,
    issuer            text        NOT NULL,
    subject           text        NOT NULL,
    type              text        NOT NULL,
    purposes          integer     NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_until       timestamptz NOT NULL,
    issued_at_block   bigint      NOT NULL,
    revoked_at_block  bigint
);
CREATE INDEX consent_attestation_subject_idx ON consent_attestation (subject, id);

-- The latest IssuerTrusted event per issuer (by block, then log index); a mask of 0 means no longer trusted.
CREATE TABLE trusted_issuer (
    issuer             text PRIMARY KEY,
    attestation_types  integer NOT NULL,
    at_block           bigint  NOT NULL,
    log_index          integer NOT NULL
);

-- The latest DelegationSet event per (patient, delegate) (by block, then log index); scopes 0 revokes.
CREATE TABLE consent_delegation (
    patient      text        NOT NULL,
    delegate     text        NOT NULL,
    scopes       integer     NOT NULL,
    valid_until  timestamptz NOT NULL,
    at_block     bigint      NOT NULL,
    log_index    integer     NOT NULL,
    PRIMARY KEY (patient, delegate)
);

-- AccessLogged events: releases as the chain saw them, keyed by their position on chain.
CREATE TABLE access_log_event (
    block_number  bigint  NOT NULL,
    log_index     integer NOT NULL,
    audit_hash    bytea   NOT NULL CHECK (octet_length(audit_hash) = 32),
    patient       text    NOT NULL,
    requester     text    NOT NULL,
    categories    bigint  NOT NULL,
    purpose       text    NOT NULL,
    grant_id      bigint  NOT NULL,
    tx_hash       text    NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
CREATE INDEX access_log_event_hash_idx ON access_log_event (audit_hash);
CREATE INDEX access_log_event_patient_idx ON access_log_event (patient, block_number DESC, log_index DESC);

-- The last block whose consent events are all applied: at most one row; no row means -1.
CREATE TABLE consent_cursor (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    synced_block  bigint  NOT NULL
);

-- Every decision of the decision point. The FHIR AuditEvent is kept as the exact bytes its hash is over. Requester
-- and patient carry no foreign key: a denial about an unknown patient id must still be audited.
CREATE TABLE audit_entry (
    id                uuid PRIMARY KEY,
    seq               bigserial   NOT NULL UNIQUE,
    requester         uuid        NOT NULL,
    patient           uuid        NOT NULL,
    category          text        NOT NULL,
    purpose           text        NOT NULL,
    at                timestamptz NOT NULL,
    effect            text        NOT NULL CHECK (effect IN ('PERMIT', 'DENY')),
    code              text,
    reason            text        NOT NULL,
    grant_id          bigint,
    basis             text        NOT NULL,
    audit_event_json  bytea       NOT NULL,
    audit_hash        bytea       NOT NULL CHECK (octet_length(audit_hash) = 32),
    tx_hash           text,
    block_number      bigint,
    CONSTRAINT audit_entry_deny_has_code CHECK (effect = 'PERMIT' OR code IS NOT NULL),
    CONSTRAINT audit_entry_logged_fully CHECK ((tx_hash IS NULL) = (block_number IS NULL))
);
CREATE INDEX audit_entry_patient_idx ON audit_entry (patient, at DESC, seq DESC);
CREATE INDEX audit_entry_requester_idx ON audit_entry (requester, at DESC, seq DESC);
CREATE INDEX audit_entry_hash_idx ON audit_entry (audit_hash);
