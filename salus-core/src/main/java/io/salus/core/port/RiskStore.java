package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.record.SealedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The patient's risk-score history and questionnaire answers (PostgreSQL adapter in salus-store). Every row's content is
 * sealed like a record; only the patient, the model and the time are plain. Thread-safe.
 */
public interface RiskStore {
    /** One computed (or not computable) score: which model ({@code pce}, {@code cha2ds2-vasc}, {@code findrisc}). */
    record StoredScore(UUID id, AccountId patient, String model, Instant computedAt, SealedRecord sealed) {
    }

    /** A questionnaire response the patient submitted. */
    record StoredAnswers(UUID id, AccountId patient, Instant answeredAt, SealedRecord sealed) {
    }

    /** Stores the scores of one computation in one transaction. */
    void saveScores(List<StoredScore> scores);

    /** The patient's stored scores, newest first, at most {@code limit}. */
    List<StoredScore> scores(AccountId patient, int limit);

    /** One stored score by id. */
    Optional<StoredScore> score(UUID id);

    void saveAnswers(StoredAnswers answers);

    /** The patient's newest answers. */
    Optional<StoredAnswers> latestAnswers(AccountId patient);
}
