package io.salus.fhir.internal;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import io.salus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict HAPI parser error handler that records every problem instead of throwing at the first, so a failure can
 * name them all. References are checked elsewhere (against the whole bundle), so HAPI's own reference callbacks are
 * ignored. Not thread-safe: one per parse.
 */
public final class CollectingErrorHandler implements IParserErrorHandler {

    private final List<CodedIssue> issues = new ArrayList<>();

    public List<CodedIssue> issues() {
        return List.copyOf(issues);
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        add("contained resource has no id", location);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, ValueType expected,
            ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
        add("element '" + elementName + "' should be " + describe(expected, expectedScalar) + " but is "
                + describe(found, foundScalar), location);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        add("invalid value '" + Texts.abbreviate(value) + "': " + Texts.abbreviate(error), location);
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        add("required element '" + elementName + "' is missing", location);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        add("element '" + elementName + "' must not repeat", location);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        add("unknown attribute '" + Texts.abbreviate(attributeName) + "'", location);
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        add("unknown element '" + Texts.abbreviate(elementName) + "'", location);
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        // checked against the whole bundle by ReferenceChecker
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        // checked against the whole bundle by ReferenceChecker
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        add("extension has both a value and nested extensions", location);
    }

    private void add(String message, IParseLocation location) {
        String where = location == null ? null : location.getParentElementName();
        issues.add(CodedIssue.of(ErrorCode.INVALID_FHIR, message, where));
    }

    private static String describe(ValueType type, ScalarType scalar) {
        return scalar == null ? String.valueOf(type) : type + " " + scalar;
    }
}
