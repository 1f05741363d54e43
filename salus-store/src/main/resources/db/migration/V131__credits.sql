-- Incentive credits (issue 18 item 4, decision 0032): an off-chain ledger funded only from settled deal payments.
-- A closed period keeps its funding (the settled DAO-treasury and operator payments it used, up to which chain event)
-- and its pools and what was paid from them; the CHECKs make paying more than a pool impossible.
CREATE TABLE credit_period (
    id                uuid        PRIMARY KEY,
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL UNIQUE,
    closed_at         timestamptz NOT NULL,
    funded_block      bigint      NOT NULL,
    funded_log        integer     NOT NULL,
    treasury_settled  bigint      NOT NULL CHECK (treasury_settled >= 0),
    fees_settled      bigint      NOT NULL CHECK (fees_settled >= 0),
    holding_pool      bigint      NOT NULL CHECK (holding_pool >= 0 AND holding_pool <= treasury_settled),
    utilisation_pool  bigint      NOT NULL CHECK (utilisation_pool >= 0 AND utilisation_pool <= fees_settled),
    holding_paid      bigint      NOT NULL CHECK (holding_paid >= 0 AND holding_paid <= holding_pool),
    utilisation_paid  bigint      NOT NULL CHECK (utilisation_paid >= 0 AND utilisation_paid <= utilisation_pool),
    prorated          boolean     NOT NULL,
    CHECK (starts_at < ends_at)
);

CREATE TABLE credit_account (
    patient  uuid   PRIMARY KEY REFERENCES account (id),
    balance  bigint NOT NULL CHECK (balance >= 0)
);

CREATE TABLE credit_redemption (
    id               uuid        PRIMARY KEY,
    patient          uuid        NOT NULL REFERENCES account (id),
    idempotency_key  text        NOT NULL,
    service          text        NOT NULL,
    price            bigint      NOT NULL CHECK (price > 0),
    at               timestamptz NOT NULL,
    UNIQUE (patient, idempotency_key)
);

-- Every change of a balance: a period's holding or utilisation credits (with how they were reached), or a redemption.
CREATE TABLE credit_entry (
    id          uuid        PRIMARY KEY,
    patient     uuid        NOT NULL REFERENCES account (id),
    kind        text        NOT NULL CHECK (kind IN ('HOLDING', 'UTILISATION', 'REDEMPTION')),
    amount      bigint      NOT NULL,
    at          timestamptz NOT NULL,
    period      uuid        REFERENCES credit_period (id),
    redemption  uuid        REFERENCES credit_redemption (id),
    detail      text        NOT NULL,
    CHECK ((kind = 'REDEMPTION') = (redemption IS NOT NULL) AND (kind = 'REDEMPTION') = (period IS NULL)),
    CHECK ((kind = 'REDEMPTION') = (amount < 0))
);
CREATE INDEX credit_entry_patient_idx ON credit_entry (patient, at DESC);
