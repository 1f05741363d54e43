package io.salus.fhir.risk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.account.Account;
import io.salus.core.error.Result;
import io.salus.core.port.RiskFhir;
import io.salus.core.scores.Cha2ds2Vasc;
import io.salus.core.scores.Findrisc;
import io.salus.core.scores.FindriscAnswers;
import io.salus.core.scores.PooledCohortEquations;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.ScoreInput;
import io.salus.core.scores.ScoreModel;
import io.salus.core.scores.ScoreOutcome;
import io.salus.core.scores.ScoreResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * The {@link RiskFhir} adapter on HAPI FHIR R4. A score becomes a {@code final} RiskAssessment: {@code method} codes the
 * model ({@link #METHOD_SYSTEM}, with the model's version as the coding's version), {@code basis} references each
 * record an input was read from (with the value used as display), the prediction carries the outcome, the 10-year
 * probability (PCE) or the points as rationale, and the band as qualitative risk. A score that is not computed becomes
 * a {@code registered} RiskAssessment with no prediction and a note naming the missing input(s) or the input out of
 * range. The patient is the subject by DID. Thread-safe.
 */
public final class HapiRiskFhir implements RiskFhir {
    static final String METHOD_SYSTEM = "urn:salus:risk-model";
    static final Map<String, Prediction> PREDICTIONS = Map.of(PooledCohortEquations.MODEL.name(),
            new Prediction("pce", "First hard atherosclerotic cardiovascular event within 10 years", 10),
            Cha2ds2Vasc.MODEL.name(), new Prediction("cha2ds2-vasc", "Stroke within a year (atrial fibrillation)", 1),
            Findrisc.MODEL.name(), new Prediction("findrisc", "Type 2 diabetes within 10 years", 10));
    private final FhirContext fhir;
    private final FindriscQuestionnaireReader questionnaire;

    record Prediction(String code, String outcome, int years) {
    }

    public HapiRiskFhir(FhirContext fhir) {
        this.fhir = fhir;
        this.questionnaire = new FindriscQuestionnaireReader(fhir);
    }

    @Override
    public Result<FindriscAnswers> findriscAnswers(byte[] questionnaireResponse) {
        return questionnaire.read(questionnaireResponse);
    }

    @Override
    public RiskEvidence evidence(List<byte[]> resources, LocalDate today) {
        IParser parser = fhir.newJsonParser();
        List<Resource> parsed = new ArrayList<>();
        for (byte[] json : resources) {
            try {
                parsed.add((Resource) parser.parseResource(new String(json, StandardCharsets.UTF_8)));
            } catch (DataFormatException | ClassCastException e) {
                // A stored record is canonical R4; one that is not gives no input.
            }
        }
        return new RiskEvidenceReader().read(parsed, today);
    }

    @Override
    public byte[] assessment(Account patient, ScoreOutcome outcome, RiskEvidence evidence, Instant at) {
        ScoreModel model = switch (outcome) {
            case ScoreOutcome.Scored s -> s.result().model();
            case ScoreOutcome.Missing m -> m.model();
            case ScoreOutcome.OutOfRange o -> o.model();
        };
        Prediction p = PREDICTIONS.get(model.name());
        RiskAssessment ra = new RiskAssessment();
        ra.setId(UUID.nameUUIDFromBytes((patient.id() + "|" + p.code()).getBytes(StandardCharsets.UTF_8)).toString());
        ra.setSubject(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(patient
                .did())));
        ra.setOccurrence(new DateTimeType(Date.from(at)));
        ra.setMethod(new CodeableConcept(new Coding(METHOD_SYSTEM, p.code(), model.name()).setVersion(model.version()))
                .setText(model.name() + ", version " + model.version() + " (" + model.source() + ")"));
        switch (outcome) {
            case ScoreOutcome.Scored s -> scored(ra, s.result(), p, evidence);
            case ScoreOutcome.Missing m -> {
                ra.setStatus(RiskAssessment.RiskAssessmentStatus.REGISTERED);
                ra.addNote().setText("not computed: the patient's records do not give " + String.join(", ", m
                        .inputs()) + "; a missing input is never guessed");
            }
            case ScoreOutcome.OutOfRange o -> {
                ra.setStatus(RiskAssessment.RiskAssessmentStatus.REGISTERED);
                ra.addNote().setText("not computed: " + o.input() + " " + o.value() + " is outside " + o
                        .validRange() + ", the range the model is validated for");
            }
        }
        evidence.notes().forEach(n -> ra.addNote().setText(n));
        return fhir.newJsonParser().encodeResourceToString(ra).getBytes(StandardCharsets.UTF_8);
    }

    private static void scored(RiskAssessment ra, ScoreResult r, Prediction p, RiskEvidence evidence) {
        ra.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
        for (ScoreInput in : r.inputs()) {
            RiskEvidence.Source src = evidence.basis().get(in.name());
            Reference ref = new Reference().setDisplay(in.name() + ": " + in.value() + (src == null
                    ? ""
                    : " — "
                            + src.display()));
            if (src != null && !src.reference().isEmpty()) {
                ref.setReference(src.reference());
            }
            ra.addBasis(ref);
        }
        RiskAssessment.RiskAssessmentPredictionComponent pred = ra.addPrediction();
        pred.setOutcome(new CodeableConcept().setText(p.outcome()));
        if ("%".equals(r.unit())) {
            pred.setProbability(new DecimalType(BigDecimal.valueOf(r.value() / 100).setScale(4,
                    RoundingMode.HALF_UP)));
        }
        pred.setQualitativeRisk(new CodeableConcept().setText(r.band()));
        pred.setWhen(new Range().setLow(years(0)).setHigh(years(p.years())));
        pred.setRationale(r.displayed() + "; " + r.band());
        r.notes().forEach(n -> ra.addNote().setText(n));
    }

    static Quantity years(int n) {
        return new Quantity().setValue(n).setUnit("years").setSystem("http://unitsofmeasure.org")
                .setCode("a");
    }
}
