package io.salus.fhir.server;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;

/**
 * Date comparison as FHIR R4 search defines it (§3.1.1.4.2): both the search value and the resource's value are
 * ranges given by their precision ({@code 2024-03} is the whole of March), compared per prefix. Stateless.
 */
final class DateRanges {
    private DateRanges() {
    }

    /** The search value's range [low, high) in epoch milliseconds. */
    static long[] of(DateParam d) {
        return new long[]{d.getValue().getTime(), d.getPrecision().add(d.getValue(), 1).getTime()};
    }

    /** Whether a resource value range {@code v} matches search range {@code p} under the prefix (eq if none). */
    static boolean matches(ParamPrefixEnum prefix, long[] v, long[] p) {
        boolean eq = v[0] >= p[0] && v[1] <= p[1];
        return switch (prefix == null ? ParamPrefixEnum.EQUAL : prefix) {
            case EQUAL -> eq;
            case NOT_EQUAL -> !eq;
            case GREATERTHAN -> v[1] > p[1];
            case LESSTHAN -> v[0] < p[0];
            case GREATERTHAN_OR_EQUALS -> v[1] > p[1] || eq;
            case LESSTHAN_OR_EQUALS -> v[0] < p[0] || eq;
            case STARTS_AFTER -> v[0] >= p[1];
            case ENDS_BEFORE -> v[1] <= p[0];
            case APPROXIMATE -> v[0] < p[1] && v[1] > p[0];
        };
    }

    /** Whether an instant (e.g. a deposit time, {@code _lastUpdated}) matches every clause of the range. */
    static boolean matchesInstant(ca.uhn.fhir.rest.param.DateRangeParam range, java.time.Instant at) {
        long ms = at.toEpochMilli();
        long[] v = {ms, ms + 1};
        for (DateParam d : range.getValuesAsQueryTokens()) {
            if (!d.isEmpty() && !matches(d.getPrefix(), v, of(d))) {
                return false;
            }
        }
        return true;
    }
}
