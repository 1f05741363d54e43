package io.salus.core.port;

import io.salus.core.account.Account;
import io.salus.core.error.Result;
import io.salus.core.scores.FindriscAnswers;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.ScoreOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Risk scores and FHIR R4 (the adapter is in salus-fhir): reads the score inputs from a patient's released records
 * (FHIR R4 JSON, one resource each) and renders a score's outcome as a {@code RiskAssessment}. Thread-safe.
 */
public interface RiskFhir {
    /** The inputs the records give, as of {@code today} (for the age). */
    RiskEvidence evidence(List<byte[]> resources, LocalDate today);

    /** The outcome as a RiskAssessment on the patient: the score, or the note saying which input is missing. */
    byte[] assessment(Account patient, ScoreOutcome outcome, RiskEvidence evidence, Instant at);

    /**
     * The FINDRISC answers of a FHIR {@code QuestionnaireResponse} (JSON) on the Salus FINDRISC questionnaire, or
     * {@code RISK_ANSWERS_INVALID} naming what is wrong.
     */
    Result<FindriscAnswers> findriscAnswers(byte[] questionnaireResponse);
}
