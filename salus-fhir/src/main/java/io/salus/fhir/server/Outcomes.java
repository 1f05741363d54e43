package io.salus.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/**
 * Failures as FHIR errors: an exception HAPI answers with the failure's HTTP status and an OperationOutcome whose
 * issues carry the stable Salus code ({@code urn:salus:error}), the detail and the FHIRPath locations. Stateless.
 */
public final class Outcomes {
    /** The code system of Salus error codes in OperationOutcome details. */
    public static final String SYSTEM = "urn:salus:error";

    private Outcomes() {
    }

    /** The value, or the failure thrown as a FHIR error. */
    public static <T> T orThrow(Result<T> result) {
        if (result.isOk()) {
            return result.orElseThrow();
        }
        throw toException(result.failure());
    }

    public static BaseServerResponseException toException(Failure f) {
        OperationOutcome oo = outcome(f);
        String msg = f.code().code() + ": " + f.detail();
        BaseServerResponseException e = switch (f.code().httpStatus()) {
            case 400 -> new InvalidRequestException(msg, oo);
            case 401 -> new AuthenticationException(msg);
            case 403 -> new ForbiddenOperationException(msg, oo);
            case 404 -> new ResourceNotFoundException(msg, oo);
            case 405 -> new MethodNotAllowedException(msg, oo);
            case 409 -> new ResourceVersionConflictException(msg, oo);
            case 410 -> new ResourceGoneException(msg);
            case 412 -> new PreconditionFailedException(msg, oo);
            case 413 -> new PayloadTooLargeException(msg);
            case 422 -> new UnprocessableEntityException(msg, oo);
            case 500 -> new InternalErrorException(msg);
            default -> new UnclassifiedServerFailureException(f.code().httpStatus(), msg, oo);
        };
        e.setOperationOutcome(oo);
        if (f.code().httpStatus() == 401) {
            e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"salus-fhir\"");
        }
        return e;
    }

    public static BaseServerResponseException of(ErrorCode code, String detail) {
        return toException(Failure.of(code, detail));
    }

    public static OperationOutcome outcome(Failure f) {
        OperationOutcome oo = new OperationOutcome();
        if (f.issues().isEmpty()) {
            issue(oo, f, f.detail(), null);
        }
        for (Failure.Issue i : f.issues()) {
            issue(oo, f, i.message(), i.location());
        }
        return oo;
    }

    private static void issue(OperationOutcome oo, Failure f, String message, String location) {
        var issue = oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type(f.code()))
                .setDiagnostics(message)
                .setDetails(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(SYSTEM,
                        f.code().code(), f.code().title())).setText(f.detail()));
        if (location != null && !location.isBlank()) {
            issue.getExpression().add(new StringType(location));
        }
    }

    private static IssueType type(ErrorCode code) {
        return switch (code.httpStatus()) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405 -> IssueType.NOTSUPPORTED;
            case 409 -> IssueType.CONFLICT;
            case 413 -> IssueType.TOOCOSTLY;
            case 422 -> IssueType.INVALID;
            case 503 -> IssueType.TRANSIENT;
            default -> IssueType.PROCESSING;
        };
    }
}
