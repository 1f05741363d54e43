-- The projection of the DataDeals events the node reads back (issue 14: no scans from block 0): payments by payee,
-- refunds by consumer, content-key releases by deal, and the block the projection has synced to. Addresses are the
-- chain's own public values (claim addresses, not patients' registered addresses).
CREATE TABLE deal_event (
    block           bigint   NOT NULL CHECK (block >= 0),
    log_index       integer  NOT NULL CHECK (log_index >= 0),
    kind            text     NOT NULL CHECK (kind IN ('PAID', 'REFUNDED', 'KEY_RELEASED')),
    deal_id         bytea    NOT NULL CHECK (octet_length(deal_id) = 32),
    tx_hash         text     NOT NULL,
    party           text     CHECK (party ~ '^0x[0-9a-f]{40}$'),
    role            smallint,
    amount          bigint   CHECK (amount >= 0),
    ciphertext_hash bytea    CHECK (octet_length(ciphertext_hash) = 32),
    wrapped_key     bytea,
    PRIMARY KEY (block, log_index),
    CHECK ((kind = 'KEY_RELEASED') = (party IS NULL))
);

CREATE INDEX deal_event_by_party ON deal_event (party, block, log_index) WHERE party IS NOT NULL;
CREATE UNIQUE INDEX deal_event_key_release ON deal_event (deal_id) WHERE kind = 'KEY_RELEASED';

CREATE TABLE deal_event_cursor (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    synced_block bigint  NOT NULL
);
