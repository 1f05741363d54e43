package io.salus.fhir.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A cheap streaming pass over the JSON text before HAPI sees it: strict well-formedness (no duplicate keys, no
 * trailing content, bounded nesting, string and number sizes), top-level type, entry count and resource types. It
 * turns hostile input into clear failures fast and protects HAPI from inputs it handles badly. Thread-safe.
 */
public final class JsonPrecheck {

    /** FHIR resources nest far less deeply; thousands of brackets are an attack. */
    public static final int MAX_DEPTH = 100;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_EXPONENT = 400;

    private final JsonFactory factory;
    private final Set<String> knownTypes;
    private final int maxResources;

    public JsonPrecheck(Set<String> knownTypes, int maxResources, int maxStringLength) {
        this.knownTypes = Set.copyOf(knownTypes);
        this.maxResources = maxResources;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(maxStringLength).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** Checks the text; on success the number of bundle entries (at least one, at most the limit). */
    public Result<Integer> check(String json) {
        try (JsonParser p = factory.createParser(json)) {
            return scan(p);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return Failure.of(ErrorCode.INVALID_JSON, "not valid JSON: " + Texts.abbreviate(e.getOriginalMessage()),
                    where).asResult();
        } catch (IOException e) {
            return Failure.of(ErrorCode.INVALID_JSON, "not readable JSON: " + Texts.abbreviate(e.getMessage()))
                    .asResult();
        }
    }

    private Result<Integer> scan(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return Result.fail(ErrorCode.INVALID_JSON, "the body is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            requireEnd(p);
            return Result.fail(ErrorCode.NOT_A_BUNDLE, "the body is a JSON " + describe(first) + ", not a Bundle");
        }
        String rootType = null;
        int entries = 0;
        List<CodedIssue> issues = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            JsonStreamContext ctx = p.getParsingContext();
            if (ctx.inRoot()) {
                requireEnd(p);
                break;
            }
            switch (t) {
                case START_OBJECT, VALUE_NULL -> {
                    JsonStreamContext array = t == JsonToken.START_OBJECT ? ctx.getParent() : ctx;
                    if (isEntryArray(array)) {
                        if (++entries > maxResources) {
                            return Result.fail(ErrorCode.TOO_MANY_RESOURCES,
                                    "the bundle holds more than " + maxResources + " entries");
                        }
                        if (t == JsonToken.VALUE_NULL) {
                            issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR, "entry is null",
                                    "Bundle.entry[" + array.getCurrentIndex() + "]"));
                        }
                    }
                }
                case VALUE_STRING -> {
                    if ("resourceType".equals(p.currentName())) {
                        String type = p.getText();
                        if (isRootObject(ctx)) {
                            rootType = type;
                        } else if (isResourceObject(ctx) && !knownTypes.contains(type)) {
                            issues.add(CodedIssue.of(ErrorCode.UNKNOWN_RESOURCE_TYPE,
                                    "unknown resource type '" + Texts.abbreviate(type) + "'",
                                    Locations.of(ctx) + ".resourceType"));
                        }
                    }
                }
                case VALUE_NUMBER_FLOAT -> checkExponent(p);
                default -> {
                }
            }
        }
        return verdict(rootType, entries, issues);
    }

    private static Result<Integer> verdict(String rootType, int entries, List<CodedIssue> issues) {
        if (!"Bundle".equals(rootType)) {
            String what = rootType == null
                    ? "a JSON object without resourceType"
                    : "a resource of type '" + Texts.abbreviate(rootType) + "'";
            return Result.fail(ErrorCode.NOT_A_BUNDLE, "the body is " + what + ", not a Bundle");
        }
        List<CodedIssue> unknown = issues.stream().filter(i -> i.code() == ErrorCode.UNKNOWN_RESOURCE_TYPE).toList();
        if (!unknown.isEmpty()) {
            return new Failure(ErrorCode.UNKNOWN_RESOURCE_TYPE, unknown.get(0).issue().message(),
                    unknown.stream().limit(CodedIssue.MAX_REPORTED).map(CodedIssue::issue).toList()).asResult();
        }
        if (!issues.isEmpty()) {
            return CodedIssue.toFailure(issues).asResult();
        }
        if (entries == 0) {
            return Result.fail(ErrorCode.EMPTY_BUNDLE, "the bundle has no entries");
        }
        return Result.ok(entries);
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content after the top-level value");
        }
    }

    private static void checkExponent(JsonParser p) throws IOException {
        String text = p.getText();
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        if (e >= 0) {
            String exp = text.substring(e + 1).replace("+", "");
            if (exp.length() > 4 || Math.abs(Integer.parseInt(exp)) > MAX_EXPONENT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p,
                        "number exponent out of range: " + Texts.abbreviate(text));
            }
        }
    }

    /** The object holding the "resourceType" is the top-level one. */
    private static boolean isRootObject(JsonStreamContext obj) {
        return obj.inObject() && obj.getParent() != null && obj.getParent().inRoot();
    }

    /** The array is the top-level bundle's "entry". */
    private static boolean isEntryArray(JsonStreamContext array) {
        return array.inArray() && isRootObject(array.getParent()) && "entry".equals(array.getParent().getCurrentName());
    }

    /** The object is a resource: an entry's or parameter's "resource", an "outcome", or a contained resource. */
    private static boolean isResourceObject(JsonStreamContext obj) {
        JsonStreamContext parent = obj.getParent();
        if (parent.inObject()) {
            String name = parent.getCurrentName();
            return "resource".equals(name) || "outcome".equals(name);
        }
        return parent.inArray() && "contained".equals(parent.getParent().getCurrentName());
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }
}
