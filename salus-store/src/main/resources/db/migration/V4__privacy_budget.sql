-- Differential privacy: each consumer organisation's epsilon budget, the fixed account -> organisation assignment,
-- and the append-only ledger of charges. Epsilons are exact decimals (numeric), never floating point.

CREATE TABLE privacy_budget (
    organisation  text        PRIMARY KEY CHECK (length(organisation) BETWEEN 1 AND 200),
    total         numeric     NOT NULL CHECK (total >= 0),
    spent         numeric     NOT NULL DEFAULT 0 CHECK (spent >= 0),
    created_at    timestamptz NOT NULL,
    -- the balance total - spent can never go negative, whatever the code above does
    CONSTRAINT privacy_budget_never_overspent CHECK (spent <= total)
);

CREATE TABLE privacy_account (
    account       uuid        PRIMARY KEY REFERENCES account (id),
    organisation  text        NOT NULL REFERENCES privacy_budget (organisation),
    assigned_at   timestamptz NOT NULL
);
CREATE INDEX privacy_account_organisation_idx ON privacy_account (organisation);

CREATE TABLE privacy_charge (
    seq           bigserial   PRIMARY KEY,
    organisation  text        NOT NULL REFERENCES privacy_budget (organisation),
    account       uuid        NOT NULL REFERENCES account (id),
    epsilon       numeric     NOT NULL CHECK (epsilon > 0),
    query_digest  text        NOT NULL CHECK (length(query_digest) BETWEEN 1 AND 200),
    charged_at    timestamptz NOT NULL,
    spent_after   numeric     NOT NULL
);
CREATE INDEX privacy_charge_organisation_idx ON privacy_charge (organisation, seq);

-- An account's organisation is fixed once assigned, and the ledger is append-only.
CREATE FUNCTION privacy_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER privacy_account_fixed BEFORE UPDATE OR DELETE ON privacy_account
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();
CREATE TRIGGER privacy_charge_append_only BEFORE UPDATE OR DELETE ON privacy_charge
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();

-- Spending only grows, and a budget is never deleted: new accounts or a new row cannot reset it.
CREATE FUNCTION privacy_budget_monotone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.organisation <> OLD.organisation OR NEW.spent < OLD.spent THEN
        RAISE EXCEPTION 'privacy budget of % cannot be reset', OLD.organisation
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER privacy_budget_no_reset BEFORE UPDATE OR DELETE ON privacy_budget
    FOR EACH ROW EXECUTE FUNCTION privacy_budget_monotone();
