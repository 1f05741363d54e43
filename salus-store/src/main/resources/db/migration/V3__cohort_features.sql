-- Cohort features: the clinical facts extracted from records at deposit time (salus-fhir FeatureExtractor), so that
-- the in-memory cohort index is rebuilt at start without decrypting any record. No free text, only codes in the
-- supported systems, measured values, units and dates.

CREATE TABLE cohort_feature (
    record_id  uuid      NOT NULL REFERENCES sealed_record (id),
    n          integer   NOT NULL CHECK (n >= 0),
    seq        bigserial NOT NULL UNIQUE,
    patient    uuid      NOT NULL REFERENCES account (id),
    kind       text      NOT NULL CHECK (kind IN ('CONDITION', 'MEDICATION', 'OBSERVATION', 'PROCEDURE', 'IMMUNIZATION')),
    system     text      NOT NULL,
    code       text      NOT NULL,
    value      double precision CHECK (value IS NULL OR value NOT IN ('NaN', 'Infinity', '-Infinity')),
    unit       text,
    date       date,
    PRIMARY KEY (record_id, n)
);
CREATE INDEX cohort_feature_patient_idx ON cohort_feature (patient, seq);

CREATE TABLE cohort_patient_facts (
    patient     uuid PRIMARY KEY REFERENCES account (id),
    birth_date  date,
    sex         text
);
