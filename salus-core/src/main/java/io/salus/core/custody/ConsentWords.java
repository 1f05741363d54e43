package io.salus.core.custody;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An EIP-712 consent message (the {@code message} of {@code /consents/prepare}'s typed data) in words, decoded from
 * the very fields that are signed, so a device shows the patient what their signature will say: who, what, why,
 * from and until when, at what price.
 */
public final class ConsentWords {
    private static final String NO_CONSUMER = "0x" + "0".repeat(40);

    private ConsentWords() {
    }

    public static String grant(Map<String, ?> m) {
        long categories = number(m.get("categories")).longValue();
        int types = number(m.get("attestationTypes")).intValue();
        int purposes = number(m.get("purposes")).intValue();
        String what = Arrays.stream(Category.values()).filter(c -> (categories & c.mask()) != 0)
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        String who = AttestationType.fromMask(types).stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ')).collect(Collectors.joining(", "));
        String why = Purpose.fromMask(purposes).stream().map(Purpose::display).collect(Collectors.joining(", "));
        String consumer = String.valueOf(m.get("consumer"));
        String named = NO_CONSUMER.equalsIgnoreCase(consumer) ? "" : " (only the consumer " + consumer + ")";
        return "You allow " + who + named + " to use your " + what + " for " + why + ", from "
                + instant(m.get("validFrom")) + " until " + instant(m.get("validUntil")) + ", at a price of at least "
                + number(m.get("minPrice")) + " per patient. Signed by " + m.get("signer") + " for patient "
                + m.get("patient") + ".";
    }

    public static String revoke(Map<String, ?> m) {
        return "You revoke grant " + number(m.get("grantId")) + ": it stops allowing any new access. Signed by "
                + m.get("signer") + ".";
    }

    private static String instant(Object seconds) {
        return Instant.ofEpochSecond(number(seconds).longValueExact()).toString();
    }

    private static BigInteger number(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("the typed data lacks a field");
        }
        return new BigInteger(String.valueOf(v));
    }
}
