-- Personal health services (issue 18): every risk-score computation the patient asks for, and the patient's answers
-- to the FINDRISC questions records do not hold. The content (value, band, reason; the QuestionnaireResponse) is
-- sealed like a record; only the patient, the model and the time are plain.
CREATE TABLE risk_score (
    id                  uuid        PRIMARY KEY,
    patient             uuid        NOT NULL REFERENCES account (id),
    model               text        NOT NULL CHECK (model IN ('pce', 'cha2ds2-vasc', 'findrisc')),
    computed_at         timestamptz NOT NULL,
    ciphertext          bytea       NOT NULL,
    wrapped_key_node    bytea       NOT NULL,
    wrapped_key_patient bytea       NOT NULL
);
CREATE INDEX risk_score_patient_idx ON risk_score (patient, computed_at DESC);

CREATE TABLE risk_answers (
    id                  uuid        PRIMARY KEY,
    patient             uuid        NOT NULL REFERENCES account (id),
    answered_at         timestamptz NOT NULL,
    ciphertext          bytea       NOT NULL,
    wrapped_key_node    bytea       NOT NULL,
    wrapped_key_patient bytea       NOT NULL
);
CREATE INDEX risk_answers_patient_idx ON risk_answers (patient, answered_at DESC);
