-- Self-custody sign-up in the portal (issue 21): the operator hands a patient a one-time invitation code instead of an
-- API token; the patient's browser opens the account with it. Only the code's SHA-256 is kept.
CREATE TABLE custody_invitation (
    code_hash   bytea       PRIMARY KEY CHECK (octet_length(code_hash) = 32),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     uuid        REFERENCES account (id)
);
