package io.salus.fhir.trial;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.port.TrialFhir;
import io.salus.core.trial.Study;
import io.salus.fhir.validation.R4Validator;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * The trial resources with HAPI FHIR, each validated against R4 before it is returned. A {@code ResearchStudy}
 * (status active, the sponsor organisation by name, the deadline as the end of its period) carries its eligibility in
 * a contained, non-actual {@code Group} (its enrolment), one characteristic whose value is the criteria in the cohort
 * language (docs/cohorts.md): the criteria are the sponsor's, they name no patient. A {@code ResearchSubject} (status
 * on-study) points at the study and the patient (by account id) and names the study-scoped consent by its EIP-712
 * signature. Thread-safe.
 */
public final class HapiTrialFhir implements TrialFhir {
    public static final String STUDY_SYSTEM = "urn:salus:study";
    public static final String CONSENT_SYSTEM = "urn:salus:trial-consent-signature";
    private final FhirContext fhir;
    private final R4Validator validator;

    public HapiTrialFhir(FhirContext fhir) {
        this.fhir = fhir;
        this.validator = new R4Validator(fhir);
    }

    @Override
    public Result<String> researchStudy(StudyDraft d) {
        Group eligibility = new Group().setType(Group.GroupType.PERSON).setActual(false);
        eligibility.setId("eligibility");
        eligibility.addCharacteristic().setExclude(false)
                .setCode(new CodeableConcept().setText("Salus cohort criteria (docs/cohorts.md)"))
                .setValue(new CodeableConcept().setText(d.criteriaJson()));
        ResearchStudy study = new ResearchStudy();
        study.setId(d.id());
        study.addIdentifier(new Identifier().setSystem(STUDY_SYSTEM).setValue("0x" + d.id()));
        study.setTitle(d.title());
        study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
        if (!d.description().isBlank()) {
            study.setDescription(d.description());
        }
        study.setSponsor(new Reference().setDisplay(d.sponsorName()));
        study.setPeriod(new Period().setEnd(Date.from(d.deadline())));
        study.addContained(eligibility);
        study.addEnrollment(new Reference("#eligibility"));
        return validator.validate(parser().encodeResourceToString(study));
    }

    @Override
    public Result<String> researchSubject(Study s, AccountId patient, String consentSignature, Instant at) {
        ResearchSubject subject = new ResearchSubject();
        subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        subject.setPeriod(new Period().setStart(Date.from(at)));
        subject.setStudy(new Reference("ResearchStudy/" + s.id().hex().substring(2)).setDisplay(s.title()));
        subject.setIndividual(new Reference("Patient/" + patient.value()));
        subject.setConsent(new Reference().setIdentifier(new Identifier().setSystem(CONSENT_SYSTEM)
                .setValue(consentSignature)).setDisplay("study-scoped consent signed for the TrialEscrow"));
        return validator.validate(parser().encodeResourceToString(subject));
    }

    private IParser parser() {
        return fhir.newJsonParser().setPrettyPrint(false);
    }

}
