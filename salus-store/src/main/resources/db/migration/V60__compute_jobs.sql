-- Compute jobs (issue 17, decision 0020): a consumer's job against one of its matched deals, its state and reason,
-- the algorithm's hash, and once released the input root (the deal's committed cohort root) and the output hash.
-- The spec's parameters are JSON text; a module's bytes are kept as submitted. A deal is held by at most one job that
-- has not ended otherwise than released (its package is that job's output).
CREATE TABLE compute_job (
    id              uuid        PRIMARY KEY,
    consumer        uuid        NOT NULL REFERENCES account (id),
    deal_id         bytea       NOT NULL REFERENCES deal (deal_id),
    algorithm       text        NOT NULL,
    columns         text[]      NOT NULL,
    parameters      jsonb       NOT NULL,
    epsilon         text        NOT NULL,
    module          bytea,
    algorithm_hash  bytea       NOT NULL CHECK (octet_length(algorithm_hash) = 32),
    state           text        NOT NULL CHECK (state IN ('SUBMITTED', 'APPROVED', 'RUNNING', 'RELEASED', 'REJECTED',
                                                          'FAILED', 'TIMED_OUT')),
    reason_code     text,
    reason          text,
    input_root      bytea       CHECK (octet_length(input_root) = 32),
    output_hash     bytea       CHECK (octet_length(output_hash) = 32),
    submitted_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX compute_job_holds_deal ON compute_job (deal_id)
    WHERE state IN ('SUBMITTED', 'APPROVED', 'RUNNING', 'RELEASED');
CREATE INDEX compute_job_state_idx ON compute_job (state, submitted_at);
CREATE INDEX compute_job_consumer_idx ON compute_job (consumer, submitted_at);

-- Every transition, append-only, written in the transaction that moves the job.
CREATE TABLE compute_job_transition (
    seq             bigserial   PRIMARY KEY,
    job             uuid        NOT NULL REFERENCES compute_job (id),
    from_state      text,
    to_state        text        NOT NULL,
    at              timestamptz NOT NULL,
    code            text,
    detail          text        NOT NULL
);
CREATE INDEX compute_job_transition_job_idx ON compute_job_transition (job, seq);
