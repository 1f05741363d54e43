package io.salus.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.fhir.internal.Texts;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * FHIR R4's own rules, checked with HAPI FHIR's instance validator against the core R4 definitions (structure
 * definitions, datatype patterns such as the {@code id} pattern, invariants such as {@code txt-1} on narrative,
 * cardinalities and required bindings to FHIR's own value sets). No external terminology server is asked: codes from
 * external systems (SNOMED CT, LOINC, RxNorm) are not checked for existence, only their shape. Only errors and fatal
 * issues refuse content; warnings and information are ignored. Thread-safe: the context, the validation support chain
 * and the validator are built once and shared.
 */
public final class R4Validator {
    /** At most this many issues are reported in one failure. */
    static final int MAX_REPORTED = 50;

    private final FhirValidator validator;

    public R4Validator(FhirContext fhir) {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        FhirInstanceValidator instance = new FhirInstanceValidator(support);
        instance.setAnyExtensionsAllowed(true);
        instance.setErrorForUnknownProfiles(false);
        this.validator = fhir.newValidator();
        validator.setValidateAgainstStandardSchema(false);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(instance);
    }

    /** A validator on its own R4 context. */
    public static R4Validator forR4() {
        return new R4Validator(FhirContext.forR4());
    }

    /**
     * Validates one resource's JSON text (a Bundle validates every entry with it) and returns the same text. The
     * failure is
     * {@link ErrorCode#INVALID_FHIR} with one issue per error, each located at its FHIRPath (e.g.
     * {@code Bundle.entry[0].resource.id}).
     */
    public Result<String> validate(String json) {
        ValidationResult result = validator.validateWithResult(json);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        if (errors.isEmpty()) {
            return Result.ok(json);
        }
        List<Failure.Issue> issues = errors.stream().limit(MAX_REPORTED)
                .map(m -> new Failure.Issue(Texts.abbreviate(m.getMessage()), path(m.getLocationString()))).toList();
        String detail = errors.size() == 1
                ? "breaks a FHIR R4 rule: " + issues.get(0).message()
                : "breaks FHIR R4 rules (" + errors.size() + " issues)";
        return Result.fail(new Failure(ErrorCode.INVALID_FHIR, detail, issues));
    }

    /**
     * The FHIRPath without the validator's comments, which quote the resource's own (possibly hostile) type and id:
     * {@code Bundle.entry[0].resource/*Patient/x*}{@code /.id} becomes {@code Bundle.entry[0].resource.id}.
     */
    static String path(String location) {
        if (location == null) {
            return null;
        }
        return Texts.abbreviate(COMMENT.matcher(location).replaceAll(""));
    }

    private static final java.util.regex.Pattern COMMENT = java.util.regex.Pattern.compile("/\\*.*?\\*/");
}
