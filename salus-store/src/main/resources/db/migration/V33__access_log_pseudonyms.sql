-- Nothing linkable on chain (issue 13): AccessLog version 2 names the patient of each access only by a pseudonym of
-- that access (keccak256(address || opening), the opening an HMAC of the audit hash under the node's key) and no longer
-- carries the grant id (which names its patient in ConsentRegistry). The projection of AccessLogged events follows.
-- Its rows came from version 1 contracts, which a node of this version no longer reads (it deploys version 2), so they
-- are dropped; the projection is rebuilt from the chain as ever.
TRUNCATE access_log_event;
DROP INDEX access_log_event_patient_idx;
ALTER TABLE access_log_event DROP COLUMN patient;
ALTER TABLE access_log_event DROP COLUMN grant_id;
ALTER TABLE access_log_event ADD COLUMN patient_pseudonym bytea NOT NULL
    CHECK (octet_length(patient_pseudonym) = 32);
