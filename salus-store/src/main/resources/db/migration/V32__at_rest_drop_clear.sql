-- Nothing readable at rest (see V30): V31 converted every row an older node wrote in clear, so the clear tables and the
-- unsalted content hash go. Dropped rows can linger in the server's files and WAL until PostgreSQL reuses the space;
-- docs/privacy.md says what that means for backups taken before this migration.
DROP TABLE cohort_feature;
DROP TABLE cohort_patient_facts;
DROP TABLE patient_identifier;
ALTER TABLE sealed_record DROP COLUMN content_hash;
