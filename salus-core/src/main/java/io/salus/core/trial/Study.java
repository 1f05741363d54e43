package io.salus.core.trial;

import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A clinical study a sponsor (a consumer account of an organisation) posted: its FHIR R4 {@code ResearchStudy}
 * (validated), the eligibility in the cohort criteria language, the categories and purpose a patient's standing
 * consent must cover to be counted and invited, the terms of its escrow, and where funding stands ({@code fundingError}
 * says why it is still unfunded; {@code fundTx} is the funding transaction). The ResearchStudy names no patient.
 */
public record Study(Hash32 id, AccountId sponsor, String organisation, String title, String criteriaJson,
        List<Category> categories, Purpose purpose, StudyTerms terms, String researchStudyJson, StudyStatus status,
        Optional<String> fundTx, Optional<String> fundingError, Instant createdAt) {
    public Study {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sponsor, "sponsor");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(criteriaJson, "criteriaJson");
        categories = List.copyOf(categories);
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(researchStudyJson, "researchStudyJson");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fundTx, "fundTx");
        Objects.requireNonNull(fundingError, "fundingError");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The bit mask of the categories. */
    public long categoryMask() {
        long mask = 0;
        for (Category c : categories) {
            mask |= c.mask();
        }
        return mask;
    }

    /** Whether patients may be invited and enrolled now: funded and before the deadline. */
    public boolean open(Instant now) {
        return status == StudyStatus.FUNDED && now.isBefore(terms.deadline());
    }
}
