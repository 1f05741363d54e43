package io.salus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request limits and faults: a POST must state its length, no more than the node's body limit (so no body is read
 * into memory unbounded); an engine that cannot confirm (chain, store, keys) is a 503 OperationOutcome (the node fails
 * closed); a parameter value HAPI cannot bind is the client's 400; any other fault is logged and answered without its details. Thread-safe.
 */
@Interceptor
final class Faults {
    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
    private final long maxBodyBytes;

    Faults(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean limits(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"POST".equals(req.getMethod()) && !"PUT".equals(req.getMethod())) {
            return true;
        }
        long length = req.getContentLengthLong();
        if (length < 0) {
            res.sendError(411, "a FHIR POST must carry Content-Length");
            return false;
        }
        if (length > maxBodyBytes) {
            res.sendError(413, "the body is larger than " + maxBodyBytes + " bytes");
            return false;
        }
        return true;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException fault(RequestDetails rd, Throwable e) {
        Throwable cause = e instanceof InternalErrorException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof BaseServerResponseException b) {
            return b;
        }
        if (cause instanceof UnavailableException u) {
            return Outcomes.of(u.code(), u.getMessage());
        }
        if (cause instanceof DataFormatException d) {
            // HAPI's own binding of a parameter value (a date that is not a date): the client's request, not a fault
            return Outcomes.of(ErrorCode.FHIR_SEARCH_UNSUPPORTED, "a parameter value is not valid: " + d.getMessage());
        }
        LOG.error("fault while serving FHIR {} {}", rd.getRequestType(), rd.getRequestPath(), cause);
        return Outcomes.toException(io.salus.core.error.Failure.of(ErrorCode.STORE_UNAVAILABLE,
                "the node could not serve this request; it logged the fault"));
    }
}
