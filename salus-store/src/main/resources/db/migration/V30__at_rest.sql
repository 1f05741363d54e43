-- Nothing readable at rest (issue 13). A dump of this database without the node's KEK must not be a re-identifiable
-- clinical dataset: clinical values kept beside the sealed records are sealed under the KEK, values the node looks up
-- (patient identifiers, idempotency keys) are kept only as keyed blind indexes, and no unkeyed hash of any content is
-- kept. This migration adds the new shapes; V31 (a Java migration run with the node's keys) converts what an older
-- node wrote in clear; V32 drops the clear tables and columns.

-- Patient identifiers (system|value) only as HMAC blind indexes, each bound to its patient.
CREATE TABLE patient_identifier_index (
    patient      uuid  NOT NULL REFERENCES account (id),
    blind_index  bytea NOT NULL CHECK (octet_length(blind_index) = 32),
    PRIMARY KEY (patient, blind_index)
);

-- Cohort features: one sealed set per deposit (the features of its records), bound to the deposit and the patient;
-- patient facts (birth date, sex): one sealed value per patient.
CREATE TABLE sealed_cohort_features (
    deposit_id  uuid      PRIMARY KEY REFERENCES deposit (id),
    seq         bigserial NOT NULL UNIQUE,
    patient     uuid      NOT NULL REFERENCES account (id),
    sealed      bytea     NOT NULL
);
CREATE INDEX sealed_cohort_features_patient_idx ON sealed_cohort_features (patient);

CREATE TABLE sealed_patient_facts (
    patient  uuid  PRIMARY KEY REFERENCES account (id),
    sealed   bytea NOT NULL
);

-- A record's salt is sealed (no longer 32 clear bytes: with the salt in clear beside the leaf, a guessed record could
-- be confirmed); its FHIR id is sealed bytes. deposit.idempotency_key holds the hex of a blind index and
-- deposit.request_hash a keyed hash (same shapes as before, other contents).
ALTER TABLE sealed_record DROP CONSTRAINT sealed_record_salt_check;
ALTER TABLE sealed_record ALTER COLUMN fhir_id TYPE bytea USING convert_to(fhir_id, 'UTF8');
