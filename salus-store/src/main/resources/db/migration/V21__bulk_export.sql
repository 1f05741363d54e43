-- FHIR Bulk Data export jobs (async pattern). The NDJSON files live under <data dir>/bulk/<job id>/; the job row says
-- who asked (only they may poll, download or delete), what for, the state and the files.
CREATE TABLE bulk_job (
    id              uuid PRIMARY KEY,
    requester       uuid        NOT NULL REFERENCES account (id),
    kind            text        NOT NULL CHECK (kind IN ('PATIENT', 'GROUP')),
    subject         text        NOT NULL,
    types           text[]      NOT NULL,
    request         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('ACCEPTED', 'RUNNING', 'COMPLETED', 'FAILED', 'DELETED')),
    requested_at    timestamptz NOT NULL,
    finished_at     timestamptz,
    error           text
);
CREATE INDEX bulk_job_unfinished_idx ON bulk_job (requested_at) WHERE status IN ('ACCEPTED', 'RUNNING');

CREATE TABLE bulk_file (
    job             uuid        NOT NULL REFERENCES bulk_job (id),
    position        integer     NOT NULL,
    type            text        NOT NULL,
    name            text        NOT NULL,
    count           bigint      NOT NULL CHECK (count >= 0),
    bytes           bigint      NOT NULL CHECK (bytes >= 0),
    PRIMARY KEY (job, position),
    UNIQUE (job, name)
);
