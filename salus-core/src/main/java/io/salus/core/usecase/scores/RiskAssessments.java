package io.salus.core.usecase.scores;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.RiskFhir;
import io.salus.core.scores.Cha2ds2Vasc;
import io.salus.core.scores.Findrisc;
import io.salus.core.scores.PooledCohortEquations;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.ScoreOutcome;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.consent.DelegatedRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patient's risk assessments: the Pooled Cohort Equations, CHA2DS2-VASc and FINDRISC on the patient's own records,
 * each as a FHIR {@code RiskAssessment} (a score whose inputs the records do not give says which are missing). The
 * records are read through {@link DelegatedRecords#readAll}, so the patient reads their own and a delegate reads only
 * what the decision point permits, one decision per request audited and logged on chain like a record listing; anyone
 * else is refused. Only the resource types the scores read are opened. FINDRISC's questions that records do not
 * hold are taken from the patient's newest answers ({@link FindriscQuestionnaire}). Thread-safe.
 */
public final class RiskAssessments {
    /** The resource types a score input can come from. */
    static final Set<String> READ_TYPES = Set.of("Patient", "Condition", "Observation", "MedicationRequest",
            "MedicationStatement");
    /** The model codes (as in the RiskAssessment's method coding) by model name. */
    static final Map<String, String> CODES = Map.of(PooledCohortEquations.MODEL.name(), "pce", Cha2ds2Vasc.MODEL
            .name(), "cha2ds2-vasc", Findrisc.MODEL.name(), "findrisc");
    private final DelegatedRecords records;
    private final AccountStore accounts;
    private final RiskFhir fhir;
    private final FindriscQuestionnaire answers;
    private final Clock clock;

    /** One score's outcome and its FHIR RiskAssessment (JSON). */
    public record Assessed(ScoreOutcome outcome, byte[] fhir) {
    }

    public RiskAssessments(DelegatedRecords records, AccountStore accounts, RiskFhir fhir,
            FindriscQuestionnaire answers, Clock clock) {
        this.records = records;
        this.answers = answers;
        this.accounts = accounts;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** One FHIR RiskAssessment (JSON) per score, in the order PCE, CHA2DS2-VASc, FINDRISC. */
    public Result<List<byte[]>> assess(Account actor, AccountId patientId, Purpose purpose) {
        return evaluate(actor, patientId, purpose, clock.instant()).map(all -> all.stream().map(Assessed::fhir)
                .toList());
    }

    /** The three outcomes at {@code now}, with their RiskAssessments, in the order PCE, CHA2DS2-VASc, FINDRISC. */
    Result<List<Assessed>> evaluate(Account actor, AccountId patientId, Purpose purpose, Instant now) {
        return records.readAll(actor, patientId, READ_TYPES, purpose).flatMap(opened -> {
            Optional<Account> patient = accounts.find(patientId);
            if (patient.isEmpty()) {
                return Result.fail(ErrorCode.FORBIDDEN, "no patient " + patientId);
            }
            List<byte[]> resources = opened.stream().map(RecordService.Opened::json).toList();
            RiskEvidence read = fhir.evidence(resources, LocalDate.ofInstant(now, ZoneOffset.UTC));
            RiskEvidence evidence = answers.latest(patientId).map(a -> a.answers().applyTo(read, a.reference()))
                    .orElse(read);
            List<ScoreOutcome> outcomes = List.of(PooledCohortEquations.estimate(evidence.pce()), Cha2ds2Vasc.score(
                    evidence.cha2ds2Vasc()), Findrisc.score(evidence.findrisc()));
            return Result.ok(outcomes.stream().map(o -> new Assessed(o, fhir.assessment(patient.get(), o, evidence,
                    now))).toList());
        });
    }
}
