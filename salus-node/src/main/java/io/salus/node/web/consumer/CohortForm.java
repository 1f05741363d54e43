package io.salus.node.web.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.compute.cohort.CriteriaParser;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the cohort builder's form into the criteria language (docs/cohorts.md) and the consent scope a count or a deal
 * asks for. Fields: {@code code.N} ({@code kind|system|code}), {@code op.N}, {@code value.N}, {@code unit.N} (a
 * threshold, observations only), {@code exclude.N} ({@code on}: wrap in {@code not}); {@code match} ({@code all} or
 * {@code any} of the codes); {@code ageMin}, {@code ageMax}, {@code sex}, {@code from}, {@code to} (a date window for
 * every code); {@code categories} (repeated) and {@code purpose}. The result is checked by the same
 * {@link CriteriaParser} as the API. Thread-safe (stateless).
 */
public final class CohortForm {
    public static final int MAX_TERMS = 20;
    private static final Set<String> OPS = Set.of("<", "<=", ">", ">=", "=");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final CriteriaParser parser = new CriteriaParser();

    /** The criteria JSON (as the API takes it), the categories and the purpose. */
    public record Cohort(byte[] criteria, List<Category> categories, Purpose purpose) {

        public String criteriaText() {
            return new String(criteria, StandardCharsets.UTF_8);
        }
    }

    public Result<Cohort> read(Map<String, List<String>> form) {
        FormFields f = new FormFields(form);
        ArrayNode terms = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < MAX_TERMS; i++) {
            String key = f.one("code." + i);
            if (key.isEmpty()) {
                continue;
            }
            Result<ObjectNode> term = term(f, i, key);
            if (!term.isOk()) {
                return term.propagate();
            }
            terms.add(term.orElseThrow());
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        if (terms.size() == 1 || terms.size() > 1 && !"any".equals(f.one("match"))) {
            all.addAll(terms);
        } else if (terms.size() > 1) {
            all.addObject().set("any", terms);
        }
        Optional<Failure> demographics = demographics(f, all);
        if (demographics.isPresent()) {
            return Result.fail(demographics.get());
        }
        if (all.isEmpty()) {
            return fail("choose at least one code, an age range or a sex", "code.0");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("all", all);
        Optional<Failure> window = window(f, root);
        if (window.isPresent()) {
            return Result.fail(window.get());
        }
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return fail("the criteria cannot be written", "code.0");
        }
        Result<?> parsed = parser.parse(json);
        if (!parsed.isOk()) {
            return fail(parsed.failure().detail(), "code.0");
        }
        return scope(f).flatMap(s -> Result.ok(new Cohort(json, s.categories(), s.purpose())));
    }

    private record Scope(List<Category> categories, Purpose purpose) {
    }

    private static Result<Scope> scope(FormFields f) {
        List<Category> categories = new ArrayList<>();
        for (String name : f.all("categories")) {
            var c = Category.parse(name);
            if (c.isEmpty()) {
                return fail("unknown data category '" + name + "'", "categories");
            }
            categories.add(c.get());
        }
        if (categories.isEmpty()) {
            return fail("tick at least one data category", "categories");
        }
        return Purpose.parse(f.one("purpose")).<Result<Scope>>map(p -> Result.ok(new Scope(List.copyOf(categories),
                p))).orElseGet(() -> fail("choose a purpose of use", "purpose"));
    }

    private static Result<ObjectNode> term(FormFields f, int i, String key) {
        String[] parts = key.split("\\|", 3);
        if (parts.length != 3 || FeatureKind.ofKey(parts[0]).isEmpty()) {
            return fail("code " + (i + 1) + " is not of the form kind|system|code", "code." + i);
        }
        ObjectNode feature = JsonNodeFactory.instance.objectNode();
        feature.put("system", parts[1]);
        feature.put("code", parts[2]);
        String op = f.one("op." + i);
        String value = f.one("value." + i);
        if (!op.isEmpty() || !value.isEmpty()) {
            if (!OPS.contains(op)) {
                return fail("choose a comparison for the value of code " + parts[2], "op." + i);
            }
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                return fail("the value of code " + parts[2] + " must be a number", "value." + i);
            }
            ObjectNode threshold = feature.putObject("value");
            threshold.put(op, number);
            String unit = f.one("unit." + i);
            if (!unit.isEmpty()) {
                threshold.put("unit", unit);
            }
        }
        ObjectNode term = JsonNodeFactory.instance.objectNode();
        term.set(parts[0], feature);
        if ("on".equals(f.one("exclude." + i))) {
            ObjectNode not = JsonNodeFactory.instance.objectNode();
            not.set("not", term);
            return Result.ok(not);
        }
        return Result.ok(term);
    }

    private static Optional<Failure> demographics(FormFields f, ArrayNode all) {
        String min = f.one("ageMin");
        String max = f.one("ageMax");
        if (!min.isEmpty() || !max.isEmpty()) {
            ObjectNode age = all.addObject().putObject("age");
            for (String[] bound : new String[][]{{"min", min, "ageMin"}, {"max", max, "ageMax"}}) {
                if (bound[1].isEmpty()) {
                    continue;
                }
                try {
                    age.put(bound[0], Integer.parseInt(bound[1]));
                } catch (NumberFormatException e) {
                    return Optional.of(Failure.of(ErrorCode.COHORT_FORM_INVALID, "the age must be a whole number "
                            + "of years", bound[2]));
                }
            }
        }
        String sex = f.one("sex");
        if (!sex.isEmpty()) {
            all.addObject().put("sex", sex);
        }
        return Optional.empty();
    }

    private static Optional<Failure> window(FormFields f, ObjectNode root) {
        String from = f.one("from");
        String to = f.one("to");
        if (from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode w = root.putObject("window");
        for (String[] bound : new String[][]{{"from", from}, {"to", to}}) {
            if (bound[1].isEmpty()) {
                continue;
            }
            try {
                w.put(bound[0], LocalDate.parse(bound[1]).toString());
            } catch (DateTimeParseException e) {
                return Optional.of(Failure.of(ErrorCode.COHORT_FORM_INVALID, "dates are written YYYY-MM-DD",
                        bound[0]));
            }
        }
        return Optional.empty();
    }

    private static <T> Result<T> fail(String detail, String field) {
        return Result.fail(Failure.of(ErrorCode.COHORT_FORM_INVALID, detail, field));
    }
}
