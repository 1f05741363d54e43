package io.salus.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.salus.node.it.SharedNode;

/** HAPI's generic FHIR client pointed at the shared node's {@code /fhir}, with a bearer token. */
final class FhirClients {
    static final FhirContext FHIR = FhirContext.forR4();

    static {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    private FhirClients() {
    }

    static String base() {
        return SharedNode.url() + "/fhir";
    }

    static IGenericClient as(String token) {
        IGenericClient c = FHIR.newRestfulGenericClient(base());
        c.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return c;
    }

    /** A client that names a purpose of use, as anyone but the patient must. */
    static IGenericClient as(String token, String purpose) {
        IGenericClient c = as(token);
        AdditionalRequestHeadersInterceptor h = new AdditionalRequestHeadersInterceptor();
        h.addHeaderValue("X-Purpose-Of-Use", purpose);
        c.registerInterceptor(h);
        return c;
    }

    static IGenericClient anonymous() {
        return FHIR.newRestfulGenericClient(base());
    }
}
