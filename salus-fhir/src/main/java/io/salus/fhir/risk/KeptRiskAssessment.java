package io.salus.fhir.risk;

import io.salus.core.account.AccountId;
import io.salus.core.scores.Cha2ds2Vasc;
import io.salus.core.scores.Findrisc;
import io.salus.core.scores.PooledCohortEquations;
import io.salus.core.scores.ScoreModel;
import io.salus.core.usecase.scores.ScorePoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * A kept score ({@link ScorePoint}) as the FHIR API serves it: {@code RiskAssessment/<score id>} on
 * {@code Patient/<patient id>}, occurring when it was computed ({@code meta.lastUpdated} too), {@code method} coded as in
 * {@link HapiRiskFhir} with the model's version; a computed score is {@code final} with its prediction (outcome,
 * 10-year probability for PCE, the band as qualitative risk, the displayed value and band as rationale), a score not
 * computed is {@code registered} with the reason as a note. The inputs are not kept with a score, so there is no
 * {@code basis} (the live assessment, {@code GET /patients/{id}/risk-assessments}, carries it). Thread-safe.
 */
public final class KeptRiskAssessment {
    private static final List<ScoreModel> MODELS = List.of(PooledCohortEquations.MODEL, Cha2ds2Vasc.MODEL,
            Findrisc.MODEL);

    private KeptRiskAssessment() {
    }

    public static RiskAssessment of(AccountId patient, ScorePoint p) {
        ScoreModel model = MODELS.stream().filter(m -> HapiRiskFhir.PREDICTIONS.get(m.name()).code().equals(p
                .model())).findFirst().orElseThrow(() -> new IllegalArgumentException("unknown model " + p.model()));
        HapiRiskFhir.Prediction prediction = HapiRiskFhir.PREDICTIONS.get(model.name());
        RiskAssessment ra = new RiskAssessment();
        ra.setId("RiskAssessment/" + p.id());
        ra.getMeta().setLastUpdated(Date.from(p.at()));
        ra.setSubject(new Reference("Patient/" + patient.value()));
        ra.setOccurrence(new DateTimeType(Date.from(p.at())));
        ra.setMethod(new CodeableConcept(new Coding(HapiRiskFhir.METHOD_SYSTEM, prediction.code(), model.name())
                .setVersion(model.version())).setText(model.name() + ", version " + model.version() + " ("
                        + model
                                .source()
                        + ")"));
        if (p.value().isPresent()) {
            ra.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
            RiskAssessment.RiskAssessmentPredictionComponent pred = ra.addPrediction();
            pred.setOutcome(new CodeableConcept().setText(prediction.outcome()));
            if ("%".equals(p.unit())) {
                pred.setProbability(new DecimalType(BigDecimal.valueOf(p.value().get() / 100).setScale(4,
                        RoundingMode.HALF_UP)));
            }
            pred.setQualitativeRisk(new CodeableConcept().setText(p.band()));
            pred.setWhen(new Range().setLow(HapiRiskFhir.years(0)).setHigh(HapiRiskFhir.years(prediction.years())));
            pred.setRationale(p.displayed() + "; " + p.band());
        } else {
            ra.setStatus(RiskAssessment.RiskAssessmentStatus.REGISTERED);
            ra.addNote().setText(p.reason());
        }
        return ra;
    }
}
