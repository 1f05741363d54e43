-- Devices and their signed reading batches (issue 18, decision 0016). A device's accepted batch is sealed as one
-- record whose leaf is the root of its salted reading leaves; those leaves are kept with the record so each reading's
-- proof can be served without decrypting anything (they are salted: alone they say nothing about a reading).
ALTER TABLE sealed_record ADD COLUMN reading_leaves bytea
    CHECK (reading_leaves IS NULL OR (octet_length(reading_leaves) > 0 AND octet_length(reading_leaves) % 32 = 0));

-- A registered device: its Ed25519 public key, kind and codes (what it may report), and when it was retired.
CREATE TABLE device (
    id             uuid PRIMARY KEY,
    patient        uuid        NOT NULL REFERENCES account (id),
    registered_by  uuid        NOT NULL REFERENCES account (id),
    public_key     bytea       NOT NULL UNIQUE CHECK (octet_length(public_key) = 32),
    kind           text        NOT NULL,
    loinc_codes    text[]      NOT NULL,
    registered_at  timestamptz NOT NULL,
    retired_at     timestamptz
);
CREATE INDEX device_patient_idx ON device (patient, registered_at);

-- Each device's intake state: the sequencer (next, highest, lost; the window's digests are the device_batch rows),
-- the counters, the newest reading's time. Every write checks and bumps the version (optimistic concurrency).
CREATE TABLE device_stream (
    device          uuid PRIMARY KEY REFERENCES device (id),
    version         bigint      NOT NULL CHECK (version >= 0),
    next_sequence   bigint      NOT NULL CHECK (next_sequence >= 1),
    highest         bigint      NOT NULL CHECK (highest >= 0),
    lost            bigint      NOT NULL CHECK (lost >= 0),
    accepted        bigint      NOT NULL,
    duplicates      bigint      NOT NULL,
    forged          bigint      NOT NULL,
    replayed        bigint      NOT NULL,
    stale           bigint      NOT NULL,
    malformed       bigint      NOT NULL,
    newest_reading  timestamptz
);

-- One row per accepted batch: the sequencer's memory (content digest) and where the batch's record is.
CREATE TABLE device_batch (
    device       uuid        NOT NULL REFERENCES device (id),
    sequence     bigint      NOT NULL CHECK (sequence >= 1),
    digest       bytea       NOT NULL CHECK (octet_length(digest) = 32),
    record_id    uuid        NOT NULL,
    readings     integer     NOT NULL CHECK (readings > 0),
    from_at      timestamptz NOT NULL,
    to_at        timestamptz NOT NULL,
    accepted_at  timestamptz NOT NULL,
    monitored    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (device, sequence)
);
CREATE INDEX device_batch_to_idx ON device_batch (to_at);
