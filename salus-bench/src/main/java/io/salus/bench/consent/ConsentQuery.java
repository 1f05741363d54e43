package io.salus.bench.consent;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.util.List;

/**
 * One consent question asked of every patient: may a consumer attested for {@code typesMask} read {@code category}
 * for {@code purpose}, at {@link GrantPopulation#NOW} and block {@link GrantPopulation#HEAD}?
 */
public record ConsentQuery(Category category, int typesMask, Purpose purpose) {

    /** The questions the benchmark asks: a researcher, a trial sponsor, public health, marketing, care, AI. */
    public static List<ConsentQuery> standard() {
        return List.of(
                new ConsentQuery(Category.CONDITIONS, AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH),
                new ConsentQuery(Category.LAB_RESULTS,
                        AttestationType.ACADEMIC_RESEARCHER.mask() | AttestationType.PHARMA.mask(),
                        Purpose.CLINTRCH),
                new ConsentQuery(Category.VITAL_SIGNS, AttestationType.PUBLIC_HEALTH.mask(), Purpose.PUBHLTH),
                new ConsentQuery(Category.MEDICATIONS,
                        AttestationType.PHARMA.mask() | AttestationType.AI_DEVELOPER.mask(), Purpose.HMARKT),
                new ConsentQuery(Category.DEMOGRAPHICS, AttestationType.INSURER.mask(), Purpose.COVERAGE),
                new ConsentQuery(Category.ENCOUNTERS,
                        AttestationType.PHYSICIAN_LICENCE.mask() | AttestationType.HOSPITAL_LICENCE.mask(),
                        Purpose.TREAT),
                new ConsentQuery(Category.IMAGING, AttestationType.AI_DEVELOPER.mask(), Purpose.HRESCH),
                new ConsentQuery(Category.ALLERGIES, AttestationType.EMERGENCY_RESPONDER.mask(), Purpose.ETREAT));
    }

    @Override
    public String toString() {
        return category + " × " + AttestationType.fromMask(typesMask) + " × " + purpose;
    }
}
