-- Federated deals (issue 16 item 4, decision 0035). The escrow, the parts' roots, allotments, payments and key releases
-- are on chain (FederatedDeals); a node keeps only what the chain cannot: which consumer of its own opened a deal, and
-- its own part of a deal (asked by the consumer's home node) from staging to settlement, so that a repeated request
-- settles the same staged package. Payouts hold pseudonyms, claim addresses and provider weights, never health data;
-- the part's package is staged as ciphertext under <data dir>/fdeals; the wrapped key is HPKE to the consumer.
CREATE TABLE federated_deal (
    deal_id    text PRIMARY KEY,
    consumer   uuid        NOT NULL,
    contract   text        NOT NULL,
    opened_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE federated_part (
    deal_id          text PRIMARY KEY,
    contract         text        NOT NULL,
    home             text        NOT NULL,
    consumer         text        NOT NULL,
    released         text        NOT NULL,
    cap              integer     NOT NULL CHECK (cap > 0),
    payouts          text        NOT NULL,
    plaintext_hash   text        NOT NULL,
    ciphertext_hash  text        NOT NULL,
    package_bytes    bigint      NOT NULL,
    patients         integer     NOT NULL,
    wrapped_key      text        NOT NULL,
    settled          boolean     NOT NULL DEFAULT false,
    staged_at        timestamptz NOT NULL DEFAULT now()
);
