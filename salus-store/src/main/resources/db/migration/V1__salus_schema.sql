-- Salus store schema: accounts, deposits, sealed records, anchor batches and the transactional outbox.
-- Hashes are 32-byte bytea; instants are timestamptz (microsecond precision).

CREATE TABLE account (
    id                      uuid PRIMARY KEY,
    kind                    text        NOT NULL,
    display_name            text,
    address                 text        NOT NULL UNIQUE,
    did                     text        NOT NULL,
    encryption_public_key   bytea       NOT NULL,
    signing_public_key      bytea       NOT NULL,
    sealed_signing_key      bytea       NOT NULL,
    sealed_encryption_key   bytea       NOT NULL,
    api_token_hash          bytea       NOT NULL UNIQUE CHECK (octet_length(api_token_hash) = 32),
    created_at              timestamptz NOT NULL,
    registered_tx_hash      text
);
CREATE INDEX account_kind_idx ON account (kind, created_at, id);

CREATE TABLE care_relationship (
    patient     uuid NOT NULL REFERENCES account (id),
    provider    uuid NOT NULL REFERENCES account (id),
    PRIMARY KEY (patient, provider)
);
CREATE INDEX care_relationship_provider_idx ON care_relationship (provider, patient);

CREATE TABLE patient_identifier (
    patient     uuid NOT NULL REFERENCES account (id),
    identifier  text NOT NULL,
    PRIMARY KEY (patient, identifier)
);

CREATE TABLE deposit (
    id               uuid PRIMARY KEY,
    patient          uuid        NOT NULL REFERENCES account (id),
    author           uuid        NOT NULL REFERENCES account (id),
    source           text        NOT NULL,
    deposited_at     timestamptz NOT NULL,
    idempotency_key  text,
    request_hash     bytea       NOT NULL CHECK (octet_length(request_hash) = 32),
    CONSTRAINT deposit_author_idempotency_key UNIQUE (author, idempotency_key)
);

CREATE TABLE anchor_batch (
    id            uuid PRIMARY KEY,
    seq           bigserial   NOT NULL UNIQUE,
    batch_key     bytea       NOT NULL UNIQUE CHECK (octet_length(batch_key) = 32),
    root          bytea       NOT NULL CHECK (octet_length(root) = 32),
    size          integer     NOT NULL CHECK (size > 0),
    cut_at        timestamptz NOT NULL,
    tx_hash       text,
    block_number  bigint,
    gas_used      bigint
);

CREATE TABLE sealed_record (
    id                   uuid PRIMARY KEY,
    seq                  bigserial   NOT NULL UNIQUE,
    deposit_id           uuid        NOT NULL REFERENCES deposit (id),
    patient              uuid        NOT NULL REFERENCES account (id),
    category             text        NOT NULL,
    resource_type        text        NOT NULL,
    fhir_id              text,
    ciphertext           bytea       NOT NULL,
    wrapped_key_node     bytea       NOT NULL,
    wrapped_key_patient  bytea       NOT NULL,
    salt                 bytea       NOT NULL CHECK (octet_length(salt) = 32),
    content_hash         bytea       NOT NULL CHECK (octet_length(content_hash) = 32),
    leaf                 bytea       NOT NULL CHECK (octet_length(leaf) = 32),
    batch_id             uuid REFERENCES anchor_batch (id),
    leaf_index           integer,
    proof                bytea,
    author               uuid        NOT NULL REFERENCES account (id),
    source               text        NOT NULL,
    deposited_at         timestamptz NOT NULL,
    CONSTRAINT sealed_record_batched_fully CHECK (
        (batch_id IS NULL AND leaf_index IS NULL AND proof IS NULL)
        OR (batch_id IS NOT NULL AND leaf_index IS NOT NULL AND proof IS NOT NULL)),
    CONSTRAINT sealed_record_proof_hashes CHECK (proof IS NULL OR octet_length(proof) % 32 = 0)
);
CREATE INDEX sealed_record_patient_idx ON sealed_record (patient, seq);
CREATE INDEX sealed_record_unbatched_idx ON sealed_record (seq) WHERE batch_id IS NULL;
CREATE INDEX sealed_record_deposit_idx ON sealed_record (deposit_id, seq);
CREATE INDEX sealed_record_batch_idx ON sealed_record (batch_id);

CREATE TABLE outbox (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL,
    idempotency_key  text        NOT NULL,
    payload          jsonb       NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    done_at          timestamptz,
    result           jsonb,
    CONSTRAINT outbox_kind_idempotency_key UNIQUE (kind, idempotency_key)
);
CREATE INDEX outbox_due_idx ON outbox (kind, next_attempt_at, id) WHERE status = 'pending';
