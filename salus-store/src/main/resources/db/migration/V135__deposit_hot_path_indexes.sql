-- Deposit hot path (issue 14, decision 0033): every deposited record added an entry for its NULL batch_id to
-- sealed_record_batch_idx, an index only the anchor_batch foreign key's checks look up by a batch id. Keep only the
-- anchored records in it: a deposit writes one index entry fewer per record, the anchor worker adds the entry when it
-- sets the batch (it rewrote that entry anyway).
DROP INDEX sealed_record_batch_idx;
CREATE INDEX sealed_record_batch_idx ON sealed_record (batch_id) WHERE batch_id IS NOT NULL;
