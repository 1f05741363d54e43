package io.salus.fhir.deid;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * HIPAA Safe Harbor's rule for the oldest: every age of 90 years or more is one category, "90 or older". An
 * {@code Age} anywhere (onset, abatement, performed, a relative's age...) and the value of an age Observation (LOINC
 * 30525-0, 21612-7, 29553-5) of 90 years or more, in any UCUM time unit, becomes {@code >= 90 a}. Ages below 90 are
 * kept (dates are shifted, ages are not). Stateless.
 */
final class AgeCap {
    static final BigDecimal LIMIT_YEARS = BigDecimal.valueOf(90);
    private static final Set<String> AGE_OBSERVATIONS = Set.of("30525-0", "21612-7", "29553-5");
    private static final Map<String, BigDecimal> PER_YEAR = Map.of("a", BigDecimal.ONE, "mo",
            BigDecimal.valueOf(12), "wk", new BigDecimal("52.1775"), "d", new BigDecimal("365.25"), "h",
            new BigDecimal("8766"), "min", new BigDecimal("525960"));
    private static final Map<String, String> UNIT_WORDS = Map.of("year", "a", "years", "a", "yr", "a", "yrs", "a",
            "month", "mo", "months", "mo", "week", "wk", "weeks", "wk", "day", "d", "days", "d");

    private AgeCap() {
    }

    /** Whether {@code value} (a child of {@code parent}) is an age; if it is 90 years or more it is capped. */
    static void apply(Base parent, Base value) {
        if (value instanceof Age age) {
            cap(age);
        } else if (value instanceof Quantity q && parent instanceof Observation o && o.getValue() == q
                && o.getCode().getCoding().stream().anyMatch(AgeCap::isAgeCode)) {
            cap(q);
        }
    }

    private static boolean isAgeCode(Coding c) {
        return "http://loinc.org".equals(c.getSystem()) && AGE_OBSERVATIONS.contains(c.getCode());
    }

    private static void cap(Quantity q) {
        if (!q.hasValue()) {
            return;
        }
        String unit = q.hasCode()
                ? q.getCode()
                : UNIT_WORDS.getOrDefault(q.getUnit() == null
                        ? ""
                        : q.getUnit()
                                .toLowerCase(java.util.Locale.ROOT),
                        "a");
        BigDecimal perYear = PER_YEAR.getOrDefault(unit, BigDecimal.ONE);
        if (q.getValue().compareTo(LIMIT_YEARS.multiply(perYear)) >= 0) {
            q.setValue(LIMIT_YEARS).setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL).setUnit("a")
                    .setSystem("http://unitsofmeasure.org").setCode("a");
        }
    }
}
