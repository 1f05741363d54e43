package io.salus.core.usecase.scores;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RiskFhir;
import io.salus.core.port.RiskStore;
import io.salus.core.record.SealedRecord;
import io.salus.core.scores.FindriscAnswers;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The patient's own answers to the FINDRISC questions records do not hold, submitted as a FHIR
 * {@code QuestionnaireResponse}: only the patient answers for themselves; the response is sealed like a record (to the
 * patient and the node) and the newest one is used by every later computation. Thread-safe.
 */
public final class FindriscQuestionnaire {
    private final RiskStore store;
    private final KeyManager keys;
    private final RiskFhir fhir;
    private final Clock clock;

    /** Answers and the reference the RiskAssessment's basis names ({@code QuestionnaireResponse/<id>}). */
    public record Answered(FindriscAnswers answers, String reference) {
    }

    public FindriscQuestionnaire(RiskStore store, KeyManager keys, RiskFhir fhir, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** Stores the patient's answers; anyone but the patient is refused {@code SALUS-0101}. */
    public Result<Answered> submit(Account actor, AccountId patient, byte[] questionnaireResponse) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient answers the questionnaire for themselves");
        }
        return fhir.findriscAnswers(questionnaireResponse).map(answers -> {
            UUID id = UUID.randomUUID();
            SealedRecord sealed = keys.seal(questionnaireResponse, ScorePayload.answersAssociatedData(id, patient),
                    actor.encryptionPublicKey());
            store.saveAnswers(new RiskStore.StoredAnswers(id, patient, clock.instant(), sealed));
            return new Answered(answers, reference(id));
        });
    }

    /** The patient's newest answers, opened with the node's key. */
    Optional<Answered> latest(AccountId patient) {
        return store.latestAnswers(patient).flatMap(a -> {
            Result<FindriscAnswers> answers = keys.open(a.sealed(), ScorePayload.answersAssociatedData(a.id(),
                    patient)).flatMap(fhir::findriscAnswers);
            return answers.isOk()
                    ? Optional.of(new Answered(answers.orElseThrow(), reference(a.id())))
                    : Optional.empty();
        });
    }

    private static String reference(UUID id) {
        return "QuestionnaireResponse/" + id;
    }
}
