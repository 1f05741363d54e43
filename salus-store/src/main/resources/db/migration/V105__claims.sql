-- Insurance claims (issue 19 item 3, decision 0027): an insurer's coverage plans (the period and, per service code,
-- the most it pays over the plan) and the claims providers submitted, each with its adjudication (outcome, approved
-- total, reason codes), the Claim and the ClaimResponse (FHIR JSON holding health data: sealed under the KEK, bound to
-- the claim; so is what it approved per service code, which the coverage's limits add up), the salted digest anchored on chain with its salt, and the chain's progress. A claim is inserted with
-- its "settle-claim" outbox message in one transaction.
CREATE TABLE claim_coverage (
    id          uuid        PRIMARY KEY,
    seq         bigserial   NOT NULL UNIQUE,
    insurer     uuid        NOT NULL REFERENCES account (id),
    patient     uuid        NOT NULL REFERENCES account (id),
    starts_on   date        NOT NULL,
    ends_on     date        NOT NULL,
    CONSTRAINT claim_coverage_period CHECK (ends_on >= starts_on)
);
CREATE INDEX claim_coverage_insurer ON claim_coverage (insurer);
CREATE INDEX claim_coverage_patient ON claim_coverage (patient);

CREATE TABLE claim_coverage_service (
    coverage    uuid   NOT NULL REFERENCES claim_coverage (id),
    service     text   NOT NULL,
    max_amount  bigint NOT NULL CHECK (max_amount > 0),
    PRIMARY KEY (coverage, service)
);

CREATE TABLE claim (
    id              uuid        PRIMARY KEY,
    seq             bigserial   NOT NULL UNIQUE,
    patient         uuid        NOT NULL REFERENCES account (id),
    provider        uuid        NOT NULL REFERENCES account (id),
    insurer         uuid        NOT NULL REFERENCES account (id),
    coverage        uuid        NOT NULL REFERENCES claim_coverage (id),
    submitted_at    timestamptz NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('APPROVED', 'REFUSED')),
    approved_total  bigint      NOT NULL CHECK (approved_total >= 0),
    reasons         text[]      NOT NULL,
    sealed_claim    bytea       NOT NULL,
    sealed_response bytea       NOT NULL,
    sealed_approved bytea       NOT NULL,
    digest          bytea       NOT NULL,
    salt            bytea       NOT NULL,
    anchor_tx       text,
    payout_tx       text,
    CONSTRAINT claim_refused_approves_nothing CHECK (outcome = 'APPROVED' OR approved_total = 0)
);
CREATE INDEX claim_patient ON claim (patient);
CREATE INDEX claim_provider ON claim (provider);
CREATE INDEX claim_insurer ON claim (insurer);
CREATE INDEX claim_coverage_approved ON claim (coverage) WHERE outcome = 'APPROVED';
