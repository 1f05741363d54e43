-- A federated study's payouts at the members other than the coordinating node (issue 17, decision 0037): each
-- member that trained the last round reports its payees (per-study claim addresses and pseudonyms derived from its own
-- claim secret, providers' addresses and weights: no health data), stored here before the model is staged; the
-- settlement declares each part's Merkle root and cap in StudyPayouts and pays it before the deal's key is released.
-- And each round's training loss at its starting model (from the members' summed noisy losses; NULL before V155).

CREATE TABLE study_part (
    study    uuid    NOT NULL REFERENCES study (id),
    member   text    NOT NULL CHECK (member ~ '^0x[0-9a-f]{40}$'),
    trained  integer NOT NULL CHECK (trained >= 0),
    PRIMARY KEY (study, member)
);

CREATE TABLE study_payee (
    study     uuid      NOT NULL,
    member    text      NOT NULL,
    idx       integer   NOT NULL CHECK (idx >= 0),
    pseudonym text      NOT NULL CHECK (pseudonym ~ '^0x[0-9a-f]{64}$'),
    patient   text      NOT NULL CHECK (patient ~ '^0x[0-9a-f]{40}$'),
    caregiver text      CHECK (caregiver ~ '^0x[0-9a-f]{40}$'),
    providers text[]    NOT NULL,
    weights   integer[] NOT NULL,
    PRIMARY KEY (study, member, idx),
    FOREIGN KEY (study, member) REFERENCES study_part (study, member)
);

ALTER TABLE study_round ADD COLUMN loss float8;

CREATE INDEX study_deal_idx ON study (deal_hex);
