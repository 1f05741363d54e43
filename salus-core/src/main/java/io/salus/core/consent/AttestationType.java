package io.salus.core.consent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a trusted issuer can attest about an account: a consumer type or a provider licence. A grant names the types
 * it is for as a mask of {@link #bit}s; never reorder.
 */
public enum AttestationType {
    ACADEMIC_RESEARCHER(0, true),
    PHARMA(1, true),
    PUBLIC_HEALTH(2, true),
    AI_DEVELOPER(3, true),
    INSURER(4,
            true),
    POLICY_MAKER(5, true),
    PHYSICIAN_LICENCE(6,
            false),
    PHARMACY_LICENCE(7, false),
    HOSPITAL_LICENCE(8, false),
    EMERGENCY_RESPONDER(9, false);

    private final int bit;
    private final boolean consumerType;

    AttestationType(int bit, boolean consumerType) {
        this.bit = bit;
        this.consumerType = consumerType;
    }

    public int bit() {
        return bit;
    }

    public int mask() {
        return 1 << bit;
    }

    /** True for consumer types (researcher, pharma...), false for provider licences and responder credentials. */
    public boolean isConsumerType() {
        return consumerType;
    }

    public static int maskOf(Set<AttestationType> types) {
        return BitMasks.of(types, AttestationType::mask);
    }

    public static Set<AttestationType> fromMask(int mask) {
        return BitMasks.from(AttestationType.class, mask, AttestationType::mask);
    }

    public static Optional<AttestationType> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
