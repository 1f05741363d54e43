package io.salus.compute.cohort.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.compute.cohort.CriteriaParser;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.DateWindow;
import io.salus.core.cohort.FeatureKind;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one criteria tree from a JSON tree for {@link CriteriaParser}, counting criteria; throws {@link Invalid} at
 * the first problem, naming its JSON path. Not thread-safe: one instance per parse.
 */
public final class CriteriaReader {
    static final int MAX_AGE = 150;
    private static final Set<String> COMBINATORS = Set.of("all", "any", "not");
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");
    private static final List<String> OPERATORS = List.of("all", "any", "not", "condition", "medication",
            "observation", "procedure", "immunization", "age", "sex");
    private int nodes;

    /** A criterion at {@code path}, {@code depth} criteria deep, under the window of its nearest enclosing combinator. */
    public Criterion criterion(JsonNode node, String path, int depth, Optional<DateWindow> window) {
        if (depth > CriteriaParser.MAX_DEPTH) {
            throw new Invalid(path, "criteria are nested more than " + CriteriaParser.MAX_DEPTH + " deep");
        }
        if (++nodes > CriteriaParser.MAX_NODES) {
            throw new Invalid(path, "the criteria have more than " + CriteriaParser.MAX_NODES + " parts");
        }
        requireObject(node, path, "a criterion");
        String op = null;
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.equals("window")) {
                continue;
            }
            if (!OPERATORS.contains(name)) {
                throw new Invalid(JsonPaths.child(path, name), "unknown key '" + name + "'; a criterion is one of "
                        + OPERATORS);
            }
            if (op != null) {
                throw new Invalid(JsonPaths.child(path, name), "a criterion has one operator; found '" + op
                        + "' and '" + name + "' (combine them with \"all\")");
            }
            op = name;
        }
        if (op == null) {
            throw new Invalid(path, "a criterion needs one of " + OPERATORS);
        }
        Optional<DateWindow> own = window;
        if (node.has("window")) {
            if (!COMBINATORS.contains(op)) {
                throw new Invalid(JsonPaths.child(path, "window"), "\"window\" goes beside all, any or not, or "
                        + "inside a feature (\"" + op + "\": {..., \"window\": ...})");
            }
            own = Optional.of(Values.window(node.get("window"), JsonPaths.child(path, "window")));
        }
        String at = JsonPaths.child(path, op);
        JsonNode arg = node.get(op);
        return switch (op) {
            case "all" -> new Criterion.And(parts(arg, at, depth, own));
            case "any" -> new Criterion.Or(parts(arg, at, depth, own));
            case "not" -> new Criterion.Not(criterion(arg, at, depth + 1, own));
            case "age" -> age(arg, at);
            case "sex" -> sex(arg, at);
            default -> FeatureReader.feature(FeatureKind.ofKey(op).orElseThrow(), arg, at, own);
        };
    }

    private List<Criterion> parts(JsonNode arg, String path, int depth, Optional<DateWindow> window) {
        if (arg == null || !arg.isArray() || arg.isEmpty()) {
            throw new Invalid(path, "expected a non-empty array of criteria");
        }
        List<Criterion> parts = new ArrayList<>(arg.size());
        for (int i = 0; i < arg.size(); i++) {
            parts.add(criterion(arg.get(i), path + "[" + i + "]", depth + 1, window));
        }
        return parts;
    }

    private static Criterion age(JsonNode arg, String path) {
        requireObject(arg, path, "an age range {\"min\": years, \"max\": years}");
        Values.onlyKeys(arg, path, Set.of("min", "max"));
        if (arg.isEmpty()) {
            throw new Invalid(path, "an age range needs \"min\", \"max\" or both");
        }
        int min = arg.has("min") ? Values.years(arg.get("min"), JsonPaths.child(path, "min"), MAX_AGE) : 0;
        int max = arg.has("max") ? Values.years(arg.get("max"), JsonPaths.child(path, "max"), MAX_AGE) : MAX_AGE;
        if (min > max) {
            throw new Invalid(JsonPaths.child(path, "max"), "max " + max + " is below min " + min);
        }
        return new Criterion.AgeRange(min, max);
    }

    private static Criterion sex(JsonNode arg, String path) {
        if (arg == null || !arg.isTextual() || !SEXES.contains(arg.textValue())) {
            throw new Invalid(path, "expected one of " + SEXES.stream().sorted().toList());
        }
        return new Criterion.Sex(arg.textValue());
    }

    static void requireObject(JsonNode node, String path, String what) {
        if (node == null || !node.isObject()) {
            throw new Invalid(path, "expected " + what);
        }
    }

    /** A problem in the criteria, at a JSON path. */
    public static final class Invalid extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String location;

        public Invalid(String location, String message) {
            super(message, null, false, false);
            this.location = location;
        }

        public String location() {
            return location;
        }
    }

}
