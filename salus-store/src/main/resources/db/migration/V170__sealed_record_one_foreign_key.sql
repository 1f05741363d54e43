-- The deposit path, round trips cut (issue 14 item 2, decision 0042). A sealed_record row had three foreign keys
-- (deposit_id -> deposit, patient -> account, author -> account): three referential checks, each a look-up and a row
-- lock, per record written. Its patient and author are its deposit's, and the deposit's own foreign keys already
-- point at the accounts. One composite key to the deposit keeps every reference checked (the account ones through the
-- deposit) and says more: a record's patient and author are those of its deposit. One check per record instead of three.
ALTER TABLE deposit ADD CONSTRAINT deposit_id_patient_author UNIQUE (id, patient, author);
ALTER TABLE sealed_record
    DROP CONSTRAINT sealed_record_deposit_id_fkey,
    DROP CONSTRAINT sealed_record_patient_fkey,
    DROP CONSTRAINT sealed_record_author_fkey,
    ADD CONSTRAINT sealed_record_of_its_deposit FOREIGN KEY (deposit_id, patient, author)
        REFERENCES deposit (id, patient, author);
