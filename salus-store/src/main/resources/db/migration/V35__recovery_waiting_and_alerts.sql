-- Recovery that cannot surprise the patient (issue 13): who opened a recovery (a guardian or the operator), whether
-- and by whom it was cancelled, and the alerts every recovery step sends to the patient and to each guardian. Alerts
-- are stored, not derived: after a completion the guardian set is dropped, yet its guardians must still see that the
-- recovery they took part in completed.
ALTER TABLE recovery_request
    ADD COLUMN opened_by    uuid REFERENCES account (id),
    ADD COLUMN cancelled_at timestamptz,
    ADD COLUMN cancelled_by uuid REFERENCES account (id),
    ADD CONSTRAINT recovery_request_done_once CHECK (completed_at IS NULL OR cancelled_at IS NULL);

CREATE TABLE recovery_alert (
    id          bigserial PRIMARY KEY,
    recovery    uuid        NOT NULL REFERENCES recovery_request (id),
    patient     uuid        NOT NULL REFERENCES account (id),
    recipient   uuid        NOT NULL REFERENCES account (id),
    kind        text        NOT NULL CHECK (kind IN ('RECOVERY_OPENED', 'RECOVERY_APPROVED', 'RECOVERY_COMPLETED',
                                                     'RECOVERY_CANCELLED')),
    at          timestamptz NOT NULL,
    text        text        NOT NULL
);
CREATE INDEX recovery_alert_recipient_idx ON recovery_alert (recipient, at DESC, id DESC);
