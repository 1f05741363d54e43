-- Cohort-feature backfill (issue 14): the deposits whose features the node extracted at start because they had none
-- (deposited before features existed, or their feature sets lost), with how many it found. A deposit with a mark or a
-- sealed feature set is never extracted again. No foreign key: erasure deletes deposits, a mark says nothing clinical.
CREATE TABLE cohort_feature_backfill (
    deposit_id     uuid        PRIMARY KEY,
    features       integer     NOT NULL CHECK (features >= 0),
    backfilled_at  timestamptz NOT NULL
);
