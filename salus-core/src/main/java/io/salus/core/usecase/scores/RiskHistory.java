package io.salus.core.usecase.scores;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RiskStore;
import io.salus.core.scores.ScoreModel;
import io.salus.core.scores.ScoreOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The patient's risk scores over time: each computation the patient asks for is stored (one sealed row per score,
 * computed or not), and the history gives every stored point, oldest first, for trends. Only the patient computes and
 * reads their history; a delegate reads the current assessments through {@link RiskAssessments#assess}. Thread-safe.
 */
public final class RiskHistory {
    /** Most points read back. */
    public static final int MAX_POINTS = 600;
    private final RiskAssessments assessments;
    private final RiskStore store;
    private final KeyManager keys;
    private final Clock clock;

    /** One computation: the stored points and the RiskAssessments, in the order PCE, CHA2DS2-VASc, FINDRISC. */
    public record Computation(List<ScorePoint> points, List<byte[]> fhir) {
    }

    public RiskHistory(RiskAssessments assessments, RiskStore store, KeyManager keys, Clock clock) {
        this.assessments = assessments;
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** Computes the three scores on the patient's records and answers now, and stores them. */
    public Result<Computation> compute(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient computes and keeps their own scores");
        }
        Instant now = clock.instant();
        return assessments.evaluate(actor, patient, Purpose.PATRQT, now).map(all -> {
            List<ScorePoint> points = new ArrayList<>();
            List<RiskStore.StoredScore> rows = new ArrayList<>();
            for (RiskAssessments.Assessed a : all) {
                UUID id = UUID.randomUUID();
                ScorePoint p = ScorePoint.of(id, ScorePoint.code(model(a.outcome())), now, a.outcome());
                points.add(p);
                rows.add(new RiskStore.StoredScore(id, patient, p.model(), now, keys.seal(ScorePayload.encode(p),
                        ScorePayload.associatedData(id, patient, p.model()), actor.encryptionPublicKey())));
            }
            store.saveScores(rows);
            return new Computation(points, all.stream().map(RiskAssessments.Assessed::fhir).toList());
        });
    }

    /** The patient's stored points, oldest first (the newest {@link #MAX_POINTS}). */
    public Result<List<ScorePoint>> history(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient reads their score history");
        }
        List<ScorePoint> points = new ArrayList<>();
        for (RiskStore.StoredScore s : store.scores(patient, MAX_POINTS)) {
            keys.open(s.sealed(), ScorePayload.associatedData(s.id(), patient, s.model())).map(c -> points.add(
                    ScorePayload.decode(c, s.id(), s.model(), s.computedAt())));
        }
        return Result.ok(points.reversed());
    }

    private static ScoreModel model(ScoreOutcome o) {
        return switch (o) {
            case ScoreOutcome.Scored s -> s.result().model();
            case ScoreOutcome.Missing m -> m.model();
            case ScoreOutcome.OutOfRange r -> r.model();
        };
    }
}
