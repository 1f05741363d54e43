package io.salus.fhir.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to a {@link JsonTree}. Thread-safe (stateless). */
public final class Nodes {
    private Nodes() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> parent, String name) {
        return parent != null && parent.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Map<String, Object> parent, String name) {
        return parent != null && parent.get(name) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public static String string(Map<String, Object> parent, String name) {
        return parent != null && parent.get(name) instanceof String s ? s : null;
    }

    public static Optional<Double> number(Map<String, Object> parent, String name) {
        return parent != null && parent.get(name) instanceof Double d && Double.isFinite(d)
                ? Optional.of(d)
                : Optional.empty();
    }

    /**
     * The calendar date a FHIR date, dateTime or instant starts on, as written (no time-zone conversion): {@code YYYY}
     * is taken as 1 January, {@code YYYY-MM} as the first of the month. Empty if absent or malformed.
     */
    public static Optional<LocalDate> date(String s) {
        if (s == null || s.length() < 4) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(s, 0, 4, 10);
            int month = s.length() >= 7 && s.charAt(4) == '-' ? Integer.parseInt(s, 5, 7, 10) : 1;
            int day = s.length() >= 10 && s.charAt(7) == '-' ? Integer.parseInt(s, 8, 10, 10) : 1;
            return Optional.of(LocalDate.of(year, month, day));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
