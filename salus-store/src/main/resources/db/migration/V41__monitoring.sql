-- Monitoring (issue 18): each patient's choices on top of the standard rules, the alerts raised on their readings and
-- the audit of each alert. An alert's content (rule, value, detail) is sealed like a record; only what escalation
-- needs is plain (patient, severity, times, who was notified when, the acknowledgement).
CREATE TABLE monitoring_plan (
    patient          uuid     PRIMARY KEY REFERENCES account (id),
    providers        uuid[]   NOT NULL,
    silence_measures text[]   NOT NULL,
    silence_seconds  bigint[] NOT NULL CHECK (cardinality(silence_seconds) = cardinality(silence_measures))
);
CREATE INDEX monitoring_plan_silence_idx ON monitoring_plan (patient) WHERE cardinality(silence_measures) > 0;

CREATE TABLE monitoring_alert (
    id                 uuid        PRIMARY KEY,
    patient            uuid        NOT NULL REFERENCES account (id),
    severity           text        NOT NULL CHECK (severity IN ('WARNING', 'URGENT')),
    data_at            timestamptz NOT NULL,
    raised_at          timestamptz NOT NULL,
    ciphertext         bytea       NOT NULL,
    wrapped_key_node   bytea       NOT NULL,
    wrapped_key_patient bytea      NOT NULL,
    step_millis        bigint      NOT NULL CHECK (step_millis > 0),
    status             text        NOT NULL CHECK (status IN ('OPEN', 'DELIVERED', 'EXHAUSTED', 'ACKNOWLEDGED')),
    next_due           timestamptz NOT NULL,
    acknowledged_by    text,
    acknowledged_at    timestamptz,
    cleared_at         timestamptz,
    CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
CREATE INDEX monitoring_alert_patient_idx ON monitoring_alert (patient, raised_at DESC);
CREATE INDEX monitoring_alert_due_idx ON monitoring_alert (next_due) WHERE status = 'OPEN';

-- One row per notification sent: its place in the escalation's list, to whom (an address and why), when, at which
-- escalation level.
CREATE TABLE monitoring_notice (
    alert      uuid        NOT NULL REFERENCES monitoring_alert (id),
    position   integer     NOT NULL CHECK (position >= 0),
    recipient  text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('PATIENT', 'DELEGATE', 'PROVIDER')),
    sent_at    timestamptz NOT NULL,
    level      integer     NOT NULL CHECK (level >= 0),
    PRIMARY KEY (alert, recipient)
);
CREATE INDEX monitoring_notice_recipient_idx ON monitoring_notice (recipient, sent_at DESC);

-- The FHIR AuditEvent of each raise, notification and acknowledgement (it names the alert, never a value).
CREATE TABLE monitoring_audit (
    id           uuid        PRIMARY KEY,
    alert        uuid        NOT NULL REFERENCES monitoring_alert (id),
    action       text        NOT NULL CHECK (action IN ('RAISED', 'NOTIFIED', 'ACKNOWLEDGED')),
    actor        text        NOT NULL,
    at           timestamptz NOT NULL,
    audit_event  bytea       NOT NULL,
    hash         bytea       NOT NULL CHECK (octet_length(hash) = 32)
);
CREATE INDEX monitoring_audit_alert_idx ON monitoring_audit (alert, at);
