-- Federated learning studies (issue 17 item 2): the studies this node coordinates for its consumers, and each
-- finished round (its model, the member nodes summed and recovered, the ε each has spent, how long it took). The
-- round's on-chain record is enqueued in the outbox in the same transaction. No health data: models are DP aggregates.

CREATE TABLE study (
    id               uuid        PRIMARY KEY,
    consumer         uuid        NOT NULL REFERENCES account (id),
    deal_hex         text        NOT NULL CHECK (deal_hex ~ '^0x[0-9a-f]{64}$'),
    features         text[]      NOT NULL,
    outcome          text        NOT NULL,
    lows             float8[]    NOT NULL,
    highs            float8[]    NOT NULL,
    outcome_at_least float8      NOT NULL,
    rounds           integer     NOT NULL CHECK (rounds BETWEEN 1 AND 200),
    epsilon          text        NOT NULL,
    delta            float8      NOT NULL,
    learning_rate    float8      NOT NULL,
    state            text        NOT NULL CHECK (state IN ('RUNNING', 'TRAINED', 'FAILED')),
    reason_code      text,
    reason           text,
    output_hex       text        CHECK (output_hex ~ '^0x[0-9a-f]{64}$'),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX study_consumer_idx ON study (consumer, created_at DESC);
CREATE INDEX study_state_idx ON study (state);

CREATE TABLE study_round (
    study         uuid        NOT NULL REFERENCES study (id),
    round         integer     NOT NULL CHECK (round >= 0),
    parameters    float8[]    NOT NULL,
    participants  text[]      NOT NULL,
    dropped       text[]      NOT NULL,
    epsilon_spent float8      NOT NULL,
    millis        bigint      NOT NULL,
    PRIMARY KEY (study, round)
);
