package io.salus.core.consent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HL7 v3 PurposeOfUse codes a consent can name. {@link #bit} is the purpose's bit in on-chain masks; never reorder.
 */
public enum Purpose {
    TREAT(0, "treatment"),
    ETREAT(1, "emergency treatment"),
    CAREMGT(2, "care management"),
    HRESCH(3,
            "healthcare research"),
    CLINTRCH(4, "clinical trial research"),
    PUBHLTH(5, "public health"),
    HMARKT(6,
            "healthcare marketing"),
    HOPERAT(7, "healthcare operations"),
    HPAYMT(8,
            "healthcare payment"),
    COVERAGE(9, "coverage under policy or program"),
    PATRQT(10,
            "patient requested"),
    HLEGAL(11, "legal");

    private final int bit;
    private final String display;

    Purpose(int bit, String display) {
        this.bit = bit;
        this.display = display;
    }

    public int bit() {
        return bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public String display() {
        return display;
    }

    public static int maskOf(Set<Purpose> purposes) {
        return BitMasks.of(purposes, Purpose::mask);
    }

    public static Set<Purpose> fromMask(int mask) {
        return BitMasks.from(Purpose.class, mask, Purpose::mask);
    }

    public static Optional<Purpose> parse(String code) {
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
