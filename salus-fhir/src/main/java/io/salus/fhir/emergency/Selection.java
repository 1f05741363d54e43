package io.salus.fhir.emergency;

import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which records belong in an emergency profile, and each one made self-contained: the subject pointed at the profile's
 * Patient entry, references to encounters, practitioners and other records dropped, the resource id cleared. Pure
 * (mutates only the resource it was given).
 */
final class Selection {
    private static final Set<String> BLOOD_GROUP = Set.of("882-1", "883-9", "10331-7");
    private static final Set<String> ACTIVE_CONDITION = Set.of("active", "recurrence", "relapse");

    private Selection() {
    }

    static Optional<Resource> select(Resource r, Reference subject) {
        Resource out = switch (r) {
            case AllergyIntolerance a when !status(a.getClinicalStatus(), Set.of("inactive", "resolved")) -> {
                a.setPatient(subject).setEncounter(null).setRecorder(null).setAsserter(null);
                yield a;
            }
            case MedicationRequest m when m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE -> {
                m.setSubject(subject).setEncounter(null).setRequester(null).setRecorder(null).setPerformer(null);
                m.getReasonReference().clear();
                m.getInsurance().clear();
                yield m;
            }
            case MedicationStatement m when m.getStatus() == MedicationStatement.MedicationStatementStatus.ACTIVE -> {
                m.setSubject(subject).setContext(null).setInformationSource(null);
                m.getDerivedFrom().clear();
                m.getReasonReference().clear();
                yield m;
            }
            case Condition c when activeCondition(c) -> {
                c.setSubject(subject).setEncounter(null).setRecorder(null).setAsserter(null);
                yield c;
            }
            case Observation o when bloodGroup(o) -> {
                o.setSubject(subject).setEncounter(null);
                o.getPerformer().clear();
                o.getHasMember().clear();
                o.getDerivedFrom().clear();
                o.getBasedOn().clear();
                yield o;
            }
            default -> null;
        };
        if (out == null) {
            return Optional.empty();
        }
        out.setId((String) null);
        return Optional.of(out);
    }

    private static boolean activeCondition(Condition c) {
        return (!c.hasClinicalStatus() || status(c.getClinicalStatus(), ACTIVE_CONDITION)) && !c.hasAbatement();
    }

    private static boolean bloodGroup(Observation o) {
        return o.getCode().getCoding().stream()
                .anyMatch(c -> "http://loinc.org".equals(c.getSystem()) && BLOOD_GROUP.contains(c.getCode()));
    }

    static String display(Resource r) {
        CodeableConcept code = switch (r) {
            case AllergyIntolerance a -> a.getCode();
            case MedicationRequest m -> m.getMedicationCodeableConcept();
            case MedicationStatement m -> m.getMedicationCodeableConcept();
            case Condition c -> c.getCode();
            case Observation o -> o.hasValueCodeableConcept() ? o.getValueCodeableConcept() : o.getCode();
            default -> new CodeableConcept();
        };
        if (code.hasText()) {
            return code.getText();
        }
        return code.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                .orElse(r.fhirType());
    }

    private static boolean status(CodeableConcept status, Set<String> codes) {
        return status.getCoding().stream().anyMatch(c -> codes.contains(c.getCode()));
    }
}
