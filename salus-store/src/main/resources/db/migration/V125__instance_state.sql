-- One node, several instances (issue 16 item 6, decision 0031): the state the API kept in each process's memory moves
-- here, so that any instance behind a load balancer sees it. Rate-limit token buckets (one row per limit and key, a
-- full bucket may be deleted at any time) and portal sessions (only the SHA-256 of the session id is kept, as before).

CREATE TABLE rate_bucket (
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
    nano_tokens  bigint      NOT NULL CHECK (nano_tokens >= 0),
    at           timestamptz NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_bucket_at_idx ON rate_bucket (at);

CREATE TABLE portal_session (
    id_hash       text        PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    account       uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash    text        NOT NULL CHECK (token_hash ~ '^0x[0-9a-f]{64}$'),
    csrf_token    text        NOT NULL CHECK (length(csrf_token) BETWEEN 16 AND 100),
    signed_in_at  timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL
);
CREATE INDEX portal_session_last_seen_idx ON portal_session (last_seen);
