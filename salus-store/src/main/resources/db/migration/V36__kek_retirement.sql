-- KEK retirement (issue 14, decision 0025): how far the re-wrapping pass got in each place the node keeps values
-- sealed under its KEK, for the primary key it re-wraps to. A pass stopped half-way continues from the cursor; a new
-- primary key (another rotation) starts every walk again.
CREATE TABLE kek_rewrap_progress (
    holding         text        PRIMARY KEY,
    primary_key_id  integer     NOT NULL,
    cursor          text,
    done            boolean     NOT NULL,
    rewrapped       bigint      NOT NULL CHECK (rewrapped >= 0),
    failed          bigint      NOT NULL CHECK (failed >= 0),
    updated_at      timestamptz NOT NULL
);
