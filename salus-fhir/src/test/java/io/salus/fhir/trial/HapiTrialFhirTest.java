package io.salus.fhir.trial;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.TrialFhir;
import io.salus.core.record.Category;
import io.salus.core.trial.Study;
import io.salus.core.trial.StudyStatus;
import io.salus.core.trial.StudyTerms;
import io.salus.fhir.validation.R4Validator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

class HapiTrialFhirTest {
    static final FhirContext R4 = FhirContext.forR4Cached();
    static final HapiTrialFhir FHIR = new HapiTrialFhir(R4);
    static final String CRITERIA = "{\"condition\":{\"code\":\"44054006\",\"system\":\"http://snomed.info/sct\"}}";
    static final Hash32 ID = Hash32.fromHex("0x" + "ab".repeat(32));

    @Test
    void researchStudy_validatesAgainstR4_andCarriesTheCriteriaInItsEnrolmentGroup() {
        String json = FHIR.researchStudy(new TrialFhir.StudyDraft(ID.hex().substring(2), "Diabetes study",
                "Twelve weeks", CRITERIA, "Acme Pharma", Instant.parse("2030-01-01T00:00:00Z"))).orElseThrow();

        assertThat(R4Validator.forR4().validate(json).isOk()).isTrue();
        ResearchStudy study = R4.newJsonParser().parseResource(ResearchStudy.class, json);
        assertThat(study.getTitle()).isEqualTo("Diabetes study");
        assertThat(study.getStatus()).isEqualTo(ResearchStudy.ResearchStudyStatus.ACTIVE);
        assertThat(study.getIdentifierFirstRep().getValue()).isEqualTo(ID.hex());
        Group group = (Group) study.getContained().get(0);
        assertThat(group.getActual()).isFalse();
        assertThat(group.getCharacteristicFirstRep().getValueCodeableConcept().getText()).isEqualTo(CRITERIA);
        assertThat(study.getEnrollmentFirstRep().getReference()).isEqualTo("#eligibility");
    }

    @Test
    void researchSubject_validatesAgainstR4_andNamesTheStudyThePatientAndTheConsentSignature() {
        AccountId patient = AccountId.random();
        Study s = new Study(ID, AccountId.random(), "Acme", "Diabetes study", CRITERIA, List.of(Category.CONDITIONS),
                Purpose.CLINTRCH, new StudyTerms(10, 2, Instant.parse("2030-01-01T00:00:00Z")), "{}",
                StudyStatus.FUNDED, Optional.empty(), Optional.empty(), Instant.now());
        String json = FHIR.researchSubject(s, patient, "0x" + "11".repeat(65), Instant.parse("2026-01-01T00:00:00Z"))
                .orElseThrow();

        assertThat(R4Validator.forR4().validate(json).isOk()).isTrue();
        ResearchSubject subject = R4.newJsonParser().parseResource(ResearchSubject.class, json);
        assertThat(subject.getStudy().getReference()).isEqualTo("ResearchStudy/" + ID.hex().substring(2));
        assertThat(subject.getIndividual().getReference()).isEqualTo("Patient/" + patient.value());
        assertThat(subject.getConsent().getIdentifier().getValue()).isEqualTo("0x" + "11".repeat(65));
        assertThat(subject.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
    }
}
