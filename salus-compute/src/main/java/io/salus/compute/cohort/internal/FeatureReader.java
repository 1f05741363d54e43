package io.salus.compute.cohort.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.compute.cohort.internal.CriteriaReader.Invalid;
import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Comparator;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.DateWindow;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.Threshold;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Reads a feature criterion ({@code {"system": ..., "code": ..., "value": ..., "window": ...}}). Thread-safe. */
final class FeatureReader {
    private static final int MAX_CODE = 64;
    private static final int MAX_UNIT = 32;

    private FeatureReader() {
    }

    static Criterion feature(FeatureKind kind, JsonNode node, String path, Optional<DateWindow> inherited) {
        CriteriaReader.requireObject(node, path, "a feature {\"system\": ..., \"code\": ...}");
        Values.onlyKeys(node, path, Set.of("system", "code", "value", "window"));
        String systemPath = JsonPaths.child(path, "system");
        String system = Values.text(node.get("system"), systemPath, 256);
        String uri = CodeSystems.resolve(system).orElseThrow(() -> new Invalid(systemPath, "unknown code system '"
                + system + "'; expected one of " + CodeSystems.ALIASES.keySet().stream().sorted().toList()
                + " or their URIs"));
        String code = Values.text(node.get("code"), JsonPaths.child(path, "code"), MAX_CODE);
        Optional<Threshold> value = Optional.empty();
        if (node.has("value")) {
            if (kind != FeatureKind.OBSERVATION) {
                throw new Invalid(JsonPaths.child(path, "value"), "value thresholds apply to observations only");
            }
            value = Optional.of(threshold(node.get("value"), JsonPaths.child(path, "value")));
        }
        Optional<DateWindow> window = node.has("window")
                ? Optional.of(Values.window(node.get("window"), JsonPaths.child(path, "window")))
                : inherited;
        return new Criterion.HasFeature(kind, uri, code, value, window);
    }

    private static Threshold threshold(JsonNode node, String path) {
        CriteriaReader.requireObject(node, path, "a threshold such as {\">=\": 6.5, \"unit\": \"%\"}");
        Comparator op = null;
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.equals("unit")) {
                continue;
            }
            Optional<Comparator> c = Comparator.ofSymbol(name);
            if (c.isEmpty()) {
                throw new Invalid(JsonPaths.child(path, name), "unknown comparator '" + name + "'; expected one of "
                        + Arrays.stream(Comparator.values()).map(Comparator::symbol).toList() + " or \"unit\"");
            }
            if (op != null) {
                throw new Invalid(JsonPaths.child(path, name), "a threshold has one comparator (use \"all\" for a "
                        + "range)");
            }
            op = c.get();
        }
        if (op == null) {
            throw new Invalid(path, "a threshold needs a comparator: one of "
                    + Arrays.stream(Comparator.values()).map(Comparator::symbol).toList());
        }
        double bound = Values.finite(node.get(op.symbol()), JsonPaths.child(path, op.symbol()));
        Optional<String> unit = node.has("unit")
                ? Optional.of(Values.text(node.get("unit"), JsonPaths.child(path, "unit"), MAX_UNIT))
                : Optional.empty();
        return new Threshold(op, bound, unit);
    }
}
