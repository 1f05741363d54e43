package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.trial.Study;
import java.time.Instant;

/**
 * The FHIR R4 resources of trial recruitment, validated against R4: a study's {@code ResearchStudy} (its eligibility
 * criteria carried in an enrolment Group) and an enrolled patient's {@code ResearchSubject}. Thread-safe.
 */
public interface TrialFhir {

    /** The ResearchStudy JSON of a study being posted; {@code INVALID_FHIR} if it does not validate. */
    Result<String> researchStudy(StudyDraft draft);

    /** The ResearchSubject JSON of a patient who consented to the study. */
    Result<String> researchSubject(Study study, AccountId patient, String consentSignature, Instant at);

    /** What a ResearchStudy is built from. */
    record StudyDraft(String id, String title, String description, String criteriaJson, String sponsorName,
            Instant deadline) {
    }
}
