package io.salus.fhir.risk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.scores.FamilyHistory;
import io.salus.core.scores.FindriscAnswers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads the patient's FINDRISC answers from a FHIR R4 {@code QuestionnaireResponse} on {@link #QUESTIONNAIRE} (status
 * completed or amended). Items by {@code linkId}: {@code physical-activity} and {@code vegetables-fruit-berries}
 * (valueBoolean), {@code family-history} (valueCoding {@code none}, {@code second-degree} or {@code first-degree} of
 * {@link #FAMILY_SYSTEM}), {@code antihypertensive-medication} and {@code high-blood-glucose} (valueBoolean), and
 * {@code waist-circumference} (valueQuantity in {@code cm} or {@code [in_i]},
 * or valueDecimal in cm). An unknown item, a repeated item, a wrong answer type or no answer at all is refused
 * ({@code SALUS-1884}, naming the item). Stateless.
 */
final class FindriscQuestionnaireReader {
    static final String QUESTIONNAIRE = "urn:salus:questionnaire:findrisc";
    static final String FAMILY_SYSTEM = "urn:salus:findrisc:family-history";
    private final FhirContext fhir;

    FindriscQuestionnaireReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    Result<FindriscAnswers> read(byte[] json) {
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            return invalid("not FHIR R4 JSON: " + e.getMessage());
        }
        if (!(parsed instanceof QuestionnaireResponse qr)) {
            return invalid("expected a QuestionnaireResponse, got " + parsed.fhirType());
        }
        if (!QUESTIONNAIRE.equals(qr.getQuestionnaire())) {
            return invalid("QuestionnaireResponse.questionnaire must be " + QUESTIONNAIRE);
        }
        if (qr.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                && qr.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED) {
            return invalid("QuestionnaireResponse.status must be completed or amended");
        }
        Optional<Boolean> active = Optional.empty();
        Optional<Boolean> veg = Optional.empty();
        Optional<FamilyHistory> family = Optional.empty();
        Optional<Double> waist = Optional.empty();
        Optional<Boolean> meds = Optional.empty();
        Optional<Boolean> glucose = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (QuestionnaireResponseItemComponent item : qr.getItem()) {
            String id = item.getLinkId();
            String at = "QuestionnaireResponse.item[linkId=" + id + "]";
            if (!seen.add(String.valueOf(id))) {
                return invalid(at + " is repeated");
            }
            if (item.getAnswer().size() != 1) {
                return invalid(at + " needs exactly one answer");
            }
            Type v = item.getAnswerFirstRep().getValue();
            boolean answered = switch (String.valueOf(id)) {
                case "physical-activity" -> (active = bool(v)).isPresent();
                case "vegetables-fruit-berries" -> (veg = bool(v)).isPresent();
                case "family-history" -> (family = family(v)).isPresent();
                case "waist-circumference" -> (waist = centimetres(v)).isPresent();
                case "antihypertensive-medication" -> (meds = bool(v)).isPresent();
                case "high-blood-glucose" -> (glucose = bool(v)).isPresent();
                default -> false;
            };
            if (!answered) {
                return invalid(at + (Set.of("physical-activity", "vegetables-fruit-berries", "family-history",
                        "waist-circumference", "antihypertensive-medication", "high-blood-glucose").contains(id)
                                ? " has an answer of the wrong type or value"
                                : " is not a FINDRISC question"));
            }
        }
        if (seen.isEmpty()) {
            return invalid("the QuestionnaireResponse answers no question");
        }
        return Result.ok(new FindriscAnswers(active, veg, family, meds, glucose, waist));
    }

    private static Optional<Boolean> bool(Type v) {
        return v instanceof BooleanType b && b.hasValue() ? Optional.of(b.booleanValue()) : Optional.empty();
    }

    private static Optional<FamilyHistory> family(Type v) {
        if (!(v instanceof Coding c) || !FAMILY_SYSTEM.equals(c.getSystem())) {
            return Optional.empty();
        }
        return switch (String.valueOf(c.getCode())) {
            case "none" -> Optional.of(FamilyHistory.NONE);
            case "second-degree" -> Optional.of(FamilyHistory.SECOND_DEGREE);
            case "first-degree" -> Optional.of(FamilyHistory.FIRST_DEGREE);
            default -> Optional.empty();
        };
    }

    private static Optional<Double> centimetres(Type v) {
        Optional<Double> cm = Optional.empty();
        if (v instanceof DecimalType d && d.hasValue()) {
            cm = Optional.of(d.getValue().doubleValue());
        } else if (v instanceof Quantity q && q.hasValue() && "cm".equals(q.getCode())) {
            cm = Optional.of(q.getValue().doubleValue());
        } else if (v instanceof Quantity q && q.hasValue() && "[in_i]".equals(q.getCode())) {
            cm = Optional.of(q.getValue().doubleValue() * 2.54);
        }
        return cm.filter(x -> x > 0 && x < 500);
    }

    private static <T> Result<T> invalid(String detail) {
        return Result.fail(ErrorCode.RISK_ANSWERS_INVALID, detail);
    }
}
