package io.salus.bench.consent;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import java.util.SplittableRandom;

/**
 * The kinds of consent a synthetic patient gives, with their attestation-type and purpose masks: research (45 %),
 * public health (15 %), care by licensed providers (20 %), commercial use (10 %) and uniformly random masks (10 %).
 * Stateless and thread-safe.
 */
final class GrantKinds {
    private static final int ACADEMIC = AttestationType.ACADEMIC_RESEARCHER.mask();
    private static final int[] RESEARCH_TYPES = {ACADEMIC, ACADEMIC | AttestationType.PUBLIC_HEALTH.mask(),
            ACADEMIC | AttestationType.PHARMA.mask(), ACADEMIC | AttestationType.PHARMA.mask()
                    | AttestationType.PUBLIC_HEALTH.mask() | AttestationType.AI_DEVELOPER.mask()};
    private static final int[] COMMERCIAL_TYPES = {AttestationType.PHARMA.mask(),
            AttestationType.AI_DEVELOPER.mask(), AttestationType.INSURER.mask()};
    private static final int[] COMMERCIAL_PURPOSES = {Purpose.HMARKT.mask(), Purpose.HRESCH.mask(),
            Purpose.HPAYMT.mask(), Purpose.COVERAGE.mask()};

    private GrantKinds() {
    }

    /** A grant's consumer types and purposes. */
    record Masks(int types, int purposes) {
    }

    static Masks draw(SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 45) {
            return new Masks(RESEARCH_TYPES[r.nextInt(RESEARCH_TYPES.length)], Purpose.HRESCH.mask()
                    | maybe(r, 50, Purpose.CLINTRCH.mask()) | maybe(r, 25, Purpose.PUBHLTH.mask()));
        }
        if (kind < 60) {
            return new Masks(AttestationType.PUBLIC_HEALTH.mask() | maybe(r, 50, AttestationType.POLICY_MAKER.mask()),
                    Purpose.PUBHLTH.mask() | maybe(r, 30, Purpose.HOPERAT.mask()));
        }
        if (kind < 80) {
            return new Masks(AttestationType.PHYSICIAN_LICENCE.mask() | AttestationType.HOSPITAL_LICENCE.mask()
                    | maybe(r, 50, AttestationType.PHARMACY_LICENCE.mask())
                    | maybe(r, 50, AttestationType.EMERGENCY_RESPONDER.mask()),
                    Purpose.TREAT.mask() | Purpose.ETREAT.mask() | maybe(r, 50, Purpose.CAREMGT.mask()));
        }
        if (kind < 90) {
            return new Masks(subset(r, COMMERCIAL_TYPES), subset(r, COMMERCIAL_PURPOSES));
        }
        return new Masks(r.nextInt(1, 1 << AttestationType.values().length),
                r.nextInt(1, 1 << Purpose.values().length));
    }

    private static int maybe(SplittableRandom r, int percent, int mask) {
        return r.nextInt(100) < percent ? mask : 0;
    }

    /** A non-empty subset of the given masks, each member with probability 1/2. */
    private static int subset(SplittableRandom r, int[] masks) {
        int m = 0;
        while (m == 0) {
            for (int one : masks) {
                m |= maybe(r, 50, one);
            }
        }
        return m;
    }
}
