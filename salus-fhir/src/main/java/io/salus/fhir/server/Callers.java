package io.salus.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.salus.core.error.ErrorCode;

/** The caller the {@link CallerInterceptor} resolved for a request. */
final class Callers {
    static final String KEY = FhirCaller.class.getName();

    private Callers() {
    }

    static FhirCaller of(RequestDetails rd) {
        Object c = rd.getUserData().get(KEY);
        if (c instanceof FhirCaller caller) {
            return caller;
        }
        throw Outcomes.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <token>");
    }
}
