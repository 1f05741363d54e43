package io.salus.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.BundleParser;
import io.salus.fhir.internal.CollectingErrorHandler;
import io.salus.fhir.internal.JsonPrecheck;
import io.salus.fhir.internal.Texts;
import io.salus.fhir.validation.R4Validator;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The {@link BundleParser} on HAPI FHIR (R4). Parsing runs in three steps: a bounded streaming pass over the text
 * ({@link JsonPrecheck}: well-formedness, limits, bundle shape, resource types), HAPI's strict parse into the model,
 * then the bundle rules ({@link BundleRules}: one patient, references resolve, accepted types, categories), and last
 * (the most expensive step, on by default) FHIR R4's own rules with HAPI's instance validator ({@link R4Validator}). Every
 * failure is a {@link Result} with a stable code; no exception escapes and no partial result is returned.
 * Thread-safe: the {@link FhirContext} is created once per parser and shared; all per-call state is local.
 */
public final class HapiBundleParser implements BundleParser {

    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_RESOURCES = 20_000;

    private final long maxBodyBytes;
    private final FhirContext fhir;
    private final JsonPrecheck precheck;
    private final BundleRules rules;
    private final Optional<R4Validator> r4Rules;

    /** A parser with the default limits (16 MiB body, 20,000 resources). */
    public HapiBundleParser() {
        this(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RESOURCES);
    }

    /** A parser with the given limits that checks FHIR R4's rules ({@link R4Validator}). */
    public HapiBundleParser(long maxBodyBytes, int maxResources) {
        this(maxBodyBytes, maxResources, true);
    }

    /**
     * @param maxBodyBytes
     *            bodies longer than this fail with {@link ErrorCode#BODY_TOO_LARGE} before any parsing
     * @param maxResources
     *            bundles with more entries fail with {@link ErrorCode#TOO_MANY_RESOURCES}
     * @param checkR4Rules
     *            whether a bundle that passed the deposit rules is also validated against the core R4 definitions
     *            ({@link R4Validator}: id pattern, narrative invariants, cardinalities...); failures are
     *            {@link ErrorCode#INVALID_FHIR} with the offending paths
     */
    public HapiBundleParser(long maxBodyBytes, int maxResources, boolean checkR4Rules) {
        if (maxBodyBytes < 1 || maxResources < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.fhir = FhirContext.forR4();
        fhir.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
        fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        Set<String> knownTypes = Set.copyOf(fhir.getResourceTypes());
        int maxString = (int) Math.min(Integer.MAX_VALUE - 16, maxBodyBytes);
        this.precheck = new JsonPrecheck(knownTypes, maxResources, maxString);
        this.rules = new BundleRules(fhir, knownTypes);
        this.r4Rules = checkR4Rules ? Optional.of(new R4Validator(fhir)) : Optional.empty();
    }

    @Override
    public Result<ParsedBundle> parse(byte[] json) {
        if (json == null) {
            return Result.fail(ErrorCode.INVALID_JSON, "the body is empty");
        }
        if (json.length > maxBodyBytes) {
            return Result.fail(ErrorCode.BODY_TOO_LARGE,
                    "the body has " + json.length + " bytes, more than the limit of " + maxBodyBytes);
        }
        try {
            return Texts.utf8(json).flatMap(text -> precheck.check(text).flatMap(entries -> parseChecked(text))
                    .flatMap(parsed -> r4Rules.isEmpty()
                            ? Result.ok(parsed)
                            : r4Rules.get().validate(text)
                                    .map(valid -> parsed)));
        } catch (RuntimeException | StackOverflowError e) {
            return Result.fail(ErrorCode.INVALID_FHIR, "the bundle could not be read: " + Texts.abbreviate(
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private Result<ParsedBundle> parseChecked(String text) {
        IParser parser = fhir.newJsonParser();
        CollectingErrorHandler errors = new CollectingErrorHandler();
        parser.setParserErrorHandler(errors);
        Bundle bundle;
        try {
            bundle = parser.parseResource(Bundle.class, text);
        } catch (DataFormatException e) {
            return Result.fail(ErrorCode.INVALID_FHIR, "invalid FHIR: " + Texts.abbreviate(e.getMessage()));
        }
        if (!errors.issues().isEmpty()) {
            return io.salus.fhir.internal.CodedIssue.toFailure(errors.issues()).asResult();
        }
        return rules.apply(bundle, parser);
    }

}
