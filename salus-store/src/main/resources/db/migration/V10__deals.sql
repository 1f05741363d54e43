-- Data deals on the node (the chain holds terms, escrow, cohort root, payments and the released content key): the
-- criteria and the salt of their on-chain commitment, the deal's secret sealed under the KEK, the phase, the released
-- (noisy) cohort size, one row per cohort member with the payout its leaf commits, the staged package (hashes, the
-- content key sealed under the KEK and wrapped to the consumer), and the deal's transactions.
CREATE TYPE deal_phase AS ENUM ('POSTED', 'SUPPRESSED', 'MATCHED', 'STAGED', 'SETTLED');

CREATE TABLE deal (
    deal_id             bytea       PRIMARY KEY CHECK (octet_length(deal_id) = 32),
    consumer            uuid        NOT NULL REFERENCES account (id),
    organisation        text        NOT NULL,
    criteria            bytea       NOT NULL,
    criteria_salt       bytea       NOT NULL CHECK (octet_length(criteria_salt) = 32),
    criteria_commitment bytea       NOT NULL CHECK (octet_length(criteria_commitment) = 32),
    categories          bigint      NOT NULL CHECK (categories > 0),
    purpose             text        NOT NULL,
    price_per_patient   bigint      NOT NULL CHECK (price_per_patient > 0),
    max_patients        integer     NOT NULL CHECK (max_patients > 0),
    deadline            timestamptz NOT NULL,
    split_patient       integer     NOT NULL CHECK (split_patient BETWEEN 0 AND 10000),
    split_providers     integer     NOT NULL CHECK (split_providers BETWEEN 0 AND 10000),
    split_caregiver     integer     NOT NULL CHECK (split_caregiver BETWEEN 0 AND 10000),
    split_dao_treasury  integer     NOT NULL CHECK (split_dao_treasury BETWEEN 0 AND 10000),
    split_operator      integer     NOT NULL CHECK (split_operator BETWEEN 0 AND 10000),
    sealed_secret       bytea,
    phase               deal_phase  NOT NULL,
    released_size       text,
    match_epsilon       numeric,
    cohort_root         bytea       CHECK (octet_length(cohort_root) = 32),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CHECK (split_patient + split_providers + split_caregiver + split_dao_treasury + split_operator = 10000),
    CHECK ((phase IN ('POSTED', 'SUPPRESSED')) = (cohort_root IS NULL))
);
CREATE INDEX deal_consumer_idx ON deal (consumer, created_at);

CREATE TABLE deal_member (
    deal_id         bytea       NOT NULL REFERENCES deal (deal_id),
    leaf_index      integer     NOT NULL CHECK (leaf_index >= 0),
    patient         uuid        REFERENCES account (id),
    caregiver       uuid        REFERENCES account (id),
    pseudonym       bytea       NOT NULL CHECK (octet_length(pseudonym) = 32),
    patient_claim   text        NOT NULL,
    caregiver_claim text,
    providers       text[]      NOT NULL,
    weights         integer[]   NOT NULL,
    included        boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (deal_id, leaf_index),
    CHECK ((caregiver IS NULL) OR (caregiver_claim IS NOT NULL)),
    CHECK (cardinality(providers) = cardinality(weights))
);
CREATE INDEX deal_member_patient_idx ON deal_member (patient) WHERE patient IS NOT NULL;
CREATE INDEX deal_member_caregiver_idx ON deal_member (caregiver) WHERE caregiver IS NOT NULL;

CREATE TABLE deal_package (
    deal_id             bytea       PRIMARY KEY REFERENCES deal (deal_id),
    plaintext_keccak    bytea       NOT NULL CHECK (octet_length(plaintext_keccak) = 32),
    ciphertext_sha256   bytea       NOT NULL CHECK (octet_length(ciphertext_sha256) = 32),
    bytes               bigint      NOT NULL CHECK (bytes > 0),
    patients            integer     NOT NULL CHECK (patients > 0),
    sealed_content_key  bytea       NOT NULL,
    wrapped_key         bytea       NOT NULL,
    staged_at           timestamptz NOT NULL
);

CREATE TABLE deal_tx (
    deal_id     bytea       NOT NULL REFERENCES deal (deal_id),
    seq         bigserial   PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('post', 'commit', 'settle', 'refund')),
    tx_hash     text        NOT NULL,
    block       bigint      NOT NULL
);
CREATE INDEX deal_tx_deal_idx ON deal_tx (deal_id, seq);
