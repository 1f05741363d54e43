package io.salus.fhir.risk;

import io.salus.core.scores.Cha2ds2VascInputs;
import io.salus.core.scores.FindriscInputs;
import io.salus.core.scores.PceInputs;
import io.salus.core.scores.Race;
import io.salus.core.scores.RiskEvidence;
import io.salus.core.scores.Sex;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the score inputs from parsed records. Age, sex and race come from the Patient (race from the US Core race
 * extension's OMB category); laboratory values and vital signs from the latest Observation of their LOINC code
 * ({@link Measurements}); each condition a score asks about from the Condition records (SNOMED CT or ICD-10 codes;
 * a condition the problem list does not hold is taken as absent only if there is a problem list at all), treatment
 * from the medication records ({@link Medications}). What the records do not give stays unknown. Not thread-safe
 * (one per reading).
 */
final class RiskEvidenceReader {
    static final String US_CORE_RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    private final Map<String, RiskEvidence.Source> basis = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    RiskEvidence read(List<Resource> resources, LocalDate today) {
        Optional<Patient> patient = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .findFirst();
        Optional<Integer> age = patient.filter(Patient::hasBirthDate).map(p -> p.getBirthDateElement()
                .getValueAsString()).filter(d -> d.length() == 10).map(d -> Period.between(LocalDate.parse(d), today)
                        .getYears());
        Optional<Sex> sex = patient.flatMap(RiskEvidenceReader::sex);
        Optional<Race> race = patient.flatMap(RiskEvidenceReader::race);
        patient.ifPresent(p -> {
            String ref = ref(p);
            age.ifPresent(a -> basis.put("age", new RiskEvidence.Source(ref, "age " + a + " years (birth date "
                    + p.getBirthDateElement().getValueAsString() + ")")));
            sex.ifPresent(s -> basis.put("sex", new RiskEvidence.Source(ref, "administrative gender " + s.name()
                    .toLowerCase(Locale.ROOT))));
            race.ifPresent(r -> basis.put("race", new RiskEvidence.Source(ref, "US Core race " + r.name()
                    .toLowerCase(Locale.ROOT))));
        });
        Measurements m = new Measurements(resources, basis);
        Conditions c = new Conditions(resources.stream().filter(Condition.class::isInstance).map(Condition.class::cast)
                .toList(), basis);
        Medications meds = new Medications(resources, basis);
        if (c.any()) {
            notes.add("a condition the scores ask about that the patient's problem list does not hold is taken as"
                    + " absent");
        }
        Optional<Boolean> diabetes = c.has("diabetes", Conditions.DIABETES);
        Optional<Boolean> hypertension = c.has("hypertension", Conditions.HYPERTENSION);
        PceInputs pce = new PceInputs(age, sex, race, m.latest("total cholesterol", Measurements.TOTAL_CHOLESTEROL),
                m.latest("HDL cholesterol", Measurements.HDL), m.latest("systolic blood pressure",
                        Measurements.SYSTOLIC),
                meds.antihypertensive("treated for hypertension", true), m.smoker(),
                diabetes);
        Cha2ds2VascInputs cha = new Cha2ds2VascInputs(age, sex, c.has("congestive heart failure",
                Conditions.HEART_FAILURE), hypertension, diabetes,
                c.has("stroke, TIA or thromboembolism",
                        Conditions.STROKE),
                c.has("vascular disease", Conditions.VASCULAR));
        FindriscInputs findrisc = new FindriscInputs(age, sex, m.latest("body-mass index", Measurements.BMI),
                m.latest("waist circumference", Measurements.WAIST), Optional.empty(), Optional.empty(), meds
                        .antihypertensive("antihypertensive medication ever", false),
                m.highGlucoseEver(c),
                Optional.empty());
        return new RiskEvidence(pce, cha, findrisc, basis, notes);
    }

    private static Optional<Sex> sex(Patient p) {
        if (!p.hasGender()) {
            return Optional.empty();
        }
        return switch (p.getGender()) {
            case MALE -> Optional.of(Sex.MALE);
            case FEMALE -> Optional.of(Sex.FEMALE);
            default -> Optional.empty();
        };
    }

    private static Optional<Race> race(Patient p) {
        Extension race = p.getExtensionByUrl(US_CORE_RACE);
        if (race == null) {
            return Optional.empty();
        }
        Extension omb = race.getExtensionByUrl("ombCategory");
        if (omb == null || !(omb.getValue() instanceof Coding coding) || !coding.hasCode()) {
            return Optional.empty();
        }
        return Optional.of(switch (coding.getCode()) {
            case "2106-3" -> Race.WHITE;
            case "2054-5" -> Race.AFRICAN_AMERICAN;
            default -> Race.OTHER;
        });
    }

    /** {@code Type/id}, or empty for a resource without an id. */
    static String ref(Resource r) {
        String id = r.getIdElement().getIdPart();
        return id == null || id.isEmpty() ? "" : r.fhirType() + "/" + id;
    }

    /** A concept's text, else its first coding's display, else its code: never null. */
    static String text(CodeableConcept c) {
        if (c.hasText()) {
            return c.getText();
        }
        Coding first = c.getCodingFirstRep();
        return first.hasDisplay() ? first.getDisplay() : first.hasCode() ? first.getCode() : "coded";
    }
}
