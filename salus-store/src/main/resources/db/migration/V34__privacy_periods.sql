-- Privacy parameters that hold (issue 13): an organisation's budget is a total epsilon per period. Periods are
-- consecutive windows of the configured length (salus.privacy.period-days) from 1970-01-01T00:00Z; an organisation's
-- first charge in a window creates its row with the total configured then, and nothing spent carries over to the next.
-- privacy_budget keeps the organisations (and, for budgets before this migration, what they spent in all: kept as
-- history, no longer charged). The same guards as before: never overspent, spending never decreases, no row deleted,
-- the window and total of a period fixed once created.

CREATE TABLE privacy_period (
    organisation  text        NOT NULL REFERENCES privacy_budget (organisation),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    total         numeric     NOT NULL CHECK (total >= 0),
    spent         numeric     NOT NULL DEFAULT 0 CHECK (spent >= 0),
    PRIMARY KEY (organisation, period_start),
    CONSTRAINT privacy_period_window CHECK (period_end > period_start),
    CONSTRAINT privacy_period_never_overspent CHECK (spent <= total)
);

CREATE FUNCTION privacy_period_monotone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.organisation <> OLD.organisation OR NEW.period_start <> OLD.period_start
            OR NEW.period_end <> OLD.period_end OR NEW.total <> OLD.total OR NEW.spent < OLD.spent THEN
        RAISE EXCEPTION 'privacy period of % cannot be reset or reshaped', OLD.organisation
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER privacy_period_no_reset BEFORE UPDATE OR DELETE ON privacy_period
    FOR EACH ROW EXECUTE FUNCTION privacy_period_monotone();

-- Each charge names the period it was spent in (NULL for charges before this migration).
ALTER TABLE privacy_charge ADD COLUMN period_start timestamptz;
