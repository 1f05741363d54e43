package io.salus.node.web.patient;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.util.List;
import java.util.Locale;

/** Plain-language names and the one-sentence summary of what a grant allows. Stateless. */
final class Wording {
    private Wording() {
    }

    static String of(Enum<?> e) {
        String s = e.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String purpose(Purpose p) {
        return Character.toUpperCase(p.display().charAt(0)) + p.display().substring(1);
    }

    static String who(GrantTerms t) {
        String types = join(AttestationType.fromMask(t.attestationTypes()).stream().map(Wording::of).toList());
        return t.namedConsumer().map(c -> types + ", and only the consumer " + c.hex()).orElse(types);
    }

    static String what(GrantTerms t) {
        return join(java.util.Arrays.stream(Category.values()).filter(c -> (t.categories() & c.mask()) != 0)
                .map(Wording::of).toList());
    }

    static String why(GrantTerms t) {
        return join(Purpose.fromMask(t.purposes()).stream().map(Wording::purpose).toList());
    }

    static String until(GrantTerms t) {
        return t.validUntil().toString().substring(0, 10);
    }

    static String price(GrantTerms t) {
        return t.minPrice() == 0 ? "any price, including free" : "at least " + t.minPrice() + " tokens per patient";
    }

    static String sentence(GrantTerms t) {
        return who(t) + " may use your " + what(t).toLowerCase(Locale.ROOT) + " for "
                + why(t).toLowerCase(Locale.ROOT) + " until " + until(t) + ", at " + price(t) + ".";
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts);
    }
}
