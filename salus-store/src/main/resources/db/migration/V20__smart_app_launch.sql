-- SMART App Launch authorization server: registered clients (apps), the grants patients approved, authorization
-- codes and refresh tokens (only their SHA-256 is kept; codes are single-use, refresh tokens rotate), and revoked
-- access tokens (kept until they would have expired anyway).
CREATE TABLE smart_client (
    client_id       text PRIMARY KEY,
    name            text        NOT NULL,
    secret_hash     bytea CHECK (secret_hash IS NULL OR octet_length(secret_hash) = 32),
    redirect_uris   text[]      NOT NULL,
    allowed_scopes  text        NOT NULL,
    registered_at   timestamptz NOT NULL
);

CREATE TABLE smart_grant (
    id              uuid PRIMARY KEY,
    client_id       text        NOT NULL REFERENCES smart_client (client_id),
    patient         uuid        NOT NULL REFERENCES account (id),
    scopes          text        NOT NULL,
    approved_at     timestamptz NOT NULL,
    revoked_at      timestamptz
);
CREATE INDEX smart_grant_patient_idx ON smart_grant (patient);

CREATE TABLE smart_code (
    code_hash       bytea PRIMARY KEY CHECK (octet_length(code_hash) = 32),
    grant_id        uuid        NOT NULL REFERENCES smart_grant (id),
    redirect_uri    text        NOT NULL,
    code_challenge  text        NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz
);

CREATE TABLE smart_refresh_token (
    token_hash      bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    grant_id        uuid        NOT NULL REFERENCES smart_grant (id),
    expires_at      timestamptz NOT NULL,
    rotated_at      timestamptz
);
CREATE INDEX smart_refresh_token_grant_idx ON smart_refresh_token (grant_id);

CREATE TABLE smart_revoked_access_token (
    token_id        text PRIMARY KEY,
    expires_at      timestamptz NOT NULL
);
