package io.salus.compute.cohort.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.compute.cohort.internal.CriteriaReader.Invalid;
import io.salus.core.cohort.DateWindow;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Scalar and small-object readers shared by the criteria readers. Thread-safe (stateless). */
final class Values {
    private Values() {
    }

    static void onlyKeys(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Invalid(JsonPaths.child(path, name), "unknown key '" + name + "'; expected "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    static DateWindow window(JsonNode node, String path) {
        CriteriaReader.requireObject(node, path, "a date window {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
        onlyKeys(node, path, Set.of("from", "to"));
        if (node.isEmpty()) {
            throw new Invalid(path, "a date window needs \"from\", \"to\" or both");
        }
        Optional<LocalDate> from = date(node.get("from"), JsonPaths.child(path, "from"));
        Optional<LocalDate> to = date(node.get("to"), JsonPaths.child(path, "to"));
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new Invalid(JsonPaths.child(path, "to"), "\"to\" " + to.get() + " is before \"from\" " + from.get());
        }
        return new DateWindow(from, to);
    }

    private static Optional<LocalDate> date(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual() && node.textValue().length() == 10) {
            try {
                return Optional.of(LocalDate.parse(node.textValue()));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new Invalid(path, "expected a date \"YYYY-MM-DD\"");
    }

    static int years(JsonNode node, String path, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0
                || node.intValue() > max) {
            throw new Invalid(path, "expected a whole number of years from 0 to " + max);
        }
        return node.intValue();
    }

    static double finite(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw new Invalid(path, "expected a number");
        }
        double d = node.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Invalid(path, "the number is out of range");
        }
        return d;
    }

    static String text(JsonNode node, String path, int maxLength) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()
                || node.textValue().length() > maxLength) {
            throw new Invalid(path, "expected a non-blank string of at most " + maxLength + " characters");
        }
        return node.textValue();
    }
}
