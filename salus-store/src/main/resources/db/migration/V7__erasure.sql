-- Erasure (GDPR art. 17) by crypto-shredding. An erased patient's sealed records are deleted (ciphertext, both
-- wrapped data keys, salt and the unsalted content hash) together with everything derived from their plaintext
-- (deposits' request hashes, cohort features, birth date and sex, identifiers). What stays: the account, marked
-- erased; one tombstone per record with its id and Merkle leaf (the leaf is salted, so with the salt gone it cannot be
-- linked to any content; it is kept so that an anchored batch's leaves stay accounted for); and the receipt.

ALTER TABLE account ADD COLUMN erased_at timestamptz;

CREATE TABLE erasure (
    patient              uuid PRIMARY KEY REFERENCES account (id),
    erased_at            timestamptz NOT NULL,
    records_shredded     integer     NOT NULL CHECK (records_shredded >= 0),
    anchored_records     integer     NOT NULL CHECK (anchored_records >= 0),
    deposits_deleted     integer     NOT NULL CHECK (deposits_deleted >= 0),
    features_deleted     integer     NOT NULL CHECK (features_deleted >= 0),
    identifiers_deleted  integer     NOT NULL CHECK (identifiers_deleted >= 0)
);

CREATE TABLE erased_record (
    id          uuid PRIMARY KEY,
    patient     uuid    NOT NULL REFERENCES account (id),
    batch_id    uuid REFERENCES anchor_batch (id),
    leaf_index  integer,
    leaf        bytea   NOT NULL CHECK (octet_length(leaf) = 32)
);
CREATE INDEX erased_record_patient_idx ON erased_record (patient);

-- A deposit for an erased patient is refused by the database itself. The key-share lock on the account row, held until
-- the deposit commits, orders deposits and erasures of one patient: an erasure (which locks the row for update)
-- either waits for an in-flight deposit and erases its records too, or goes first and the deposit is refused.
CREATE FUNCTION deposit_refuse_erased() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    erased timestamptz;
BEGIN
    SELECT a.erased_at INTO erased FROM account a WHERE a.id = NEW.patient FOR KEY SHARE;
    IF erased IS NOT NULL THEN
        RAISE EXCEPTION 'patient % was erased at %', NEW.patient, erased USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER deposit_not_for_erased BEFORE INSERT ON deposit
    FOR EACH ROW EXECUTE FUNCTION deposit_refuse_erased();
