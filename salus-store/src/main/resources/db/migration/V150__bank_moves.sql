-- A patient moves their bank (issue 16 item 5, decision 0036). At the node moved away from: the move (to which node,
-- its state, and, once the receiving node acknowledged the import, how many records and their Merkle root) and the
-- account marked moved, its private keys deleted (the records are tombstones, as for an erasure). At the receiving
-- node: the import (from which node, the count and root it acknowledged, and its signed acknowledgement).
CREATE TABLE bank_move_out (
    patient     uuid PRIMARY KEY REFERENCES account (id),
    to_node     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('MOVING', 'MOVED')),
    started_at  timestamptz NOT NULL,
    moved_at    timestamptz,
    records     integer CHECK (records >= 0),
    root        text,
    last_error  text
);

CREATE TABLE bank_move_in (
    patient      uuid PRIMARY KEY REFERENCES account (id),
    from_node    text        NOT NULL,
    records      integer     NOT NULL CHECK (records >= 0),
    root         text        NOT NULL,
    imported_at  timestamptz NOT NULL,
    ack          text        NOT NULL
);

ALTER TABLE account ADD COLUMN moved_to text;
ALTER TABLE account DROP CONSTRAINT account_custody_keys;
ALTER TABLE account ADD CONSTRAINT account_custody_keys CHECK (
    (custody = 'AGENT' AND moved_to IS NULL AND sealed_signing_key IS NOT NULL AND sealed_encryption_key IS NOT NULL)
    OR (custody = 'AGENT' AND moved_to IS NOT NULL AND sealed_signing_key IS NULL AND sealed_encryption_key IS NULL)
    OR (custody = 'SELF' AND sealed_signing_key IS NULL AND sealed_encryption_key IS NULL));
