package io.salus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Authenticates every FHIR request but {@code metadata} before its handler runs (a refusal is a 401 OperationOutcome
 * with {@code WWW-Authenticate}), and answers {@code .well-known/smart-configuration} under the FHIR base itself (SMART
 * App Launch discovery). Thread-safe.
 */
@Interceptor
final class CallerInterceptor {
    private final FhirAuthenticator authenticator;
    private final Supplier<String> smartConfiguration;

    CallerInterceptor(FhirAuthenticator authenticator, Supplier<String> smartConfiguration) {
        this.authenticator = authenticator;
        this.smartConfiguration = smartConfiguration;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean wellKnown(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getPathInfo();
        if (path == null || !path.equals("/.well-known/smart-configuration")) {
            return true;
        }
        if (!"GET".equals(req.getMethod())) {
            res.sendError(405);
            return false;
        }
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(smartConfiguration.get().getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authenticate(RequestDetails rd, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        FhirCaller caller = Outcomes.orThrow(authenticator.authenticate(
                Optional.ofNullable(rd.getHeader("Authorization")),
                Optional.ofNullable(rd.getHeader(FhirAuthenticator.PURPOSE_HEADER))));
        rd.getUserData().put(Callers.KEY, caller);
    }
}
