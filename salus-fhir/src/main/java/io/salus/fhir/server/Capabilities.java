package io.salus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * Makes the generated CapabilityStatement say exactly what is served: per resource type only the search parameters R4
 * defines for it (the providers share one declaration), {@code _include} only of the patient where the type can
 * reference one, and SMART on FHIR as the security service with the authorization server's endpoints
 * ({@code oauth-uris}). Thread-safe.
 */
@Interceptor
final class Capabilities {
    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private final SearchMatcher matcher;
    private final java.util.function.Supplier<String> authBase;

    /** @param authBase the node's base URL; the OAuth endpoints are under {@code <authBase>/oauth/}. */
    Capabilities(SearchMatcher matcher, java.util.function.Supplier<String> authBase) {
        this.matcher = matcher;
        this.authBase = authBase;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void adjust(IBaseConformance conformance) {
        CapabilityStatement cs = (CapabilityStatement) conformance;
        cs.setPublisher("Salus");
        cs.getSoftware().setName("Salus FHIR API");
        for (CapabilityStatementRestComponent rest : cs.getRest()) {
            security(rest);
            for (CapabilityStatementRestResourceComponent r : rest.getResource()) {
                String type = r.getType();
                List<CapabilityStatementRestResourceSearchParamComponent> keep = r.getSearchParam().stream()
                        .filter(p -> supported(type, p.getName())).toList();
                r.setSearchParam(new java.util.ArrayList<>(keep));
                boolean patientRef = supported(type, "patient") || supported(type, "subject");
                r.getSearchInclude().clear();
                if (patientRef && !"Patient".equals(type)) {
                    if (supported(type, "patient")) {
                        r.addSearchInclude(type + ":patient");
                    }
                    if (supported(type, "subject")) {
                        r.addSearchInclude(type + ":subject");
                    }
                }
            }
        }
    }

    private boolean supported(String type, String name) {
        return switch (name) {
            case "_id", "_lastUpdated" -> true;
            case "patient", "subject" -> !"Patient".equals(type)
                    && matcher.param(type, name, RestSearchParameterTypeEnum.REFERENCE).isPresent();
            case "date" -> matcher.param(type, name, RestSearchParameterTypeEnum.DATE).isPresent();
            default -> matcher.param(type, name, RestSearchParameterTypeEnum.TOKEN).isPresent();
        };
    }

    private void security(CapabilityStatementRestComponent rest) {
        var security = rest.getSecurity();
        security.setCors(false);
        security.getService().clear();
        security.addService(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        security.setDescription("SMART App Launch (standalone, patient context) with PKCE S256, or a Salus API token; "
                + "anyone but the patient names a purpose of use in " + FhirAuthenticator.PURPOSE_HEADER);
        Extension uris = new Extension(OAUTH_URIS);
        String base = authBase.get();
        uris.addExtension("authorize", new UriType(base + "/oauth/authorize"));
        uris.addExtension("token", new UriType(base + "/oauth/token"));
        uris.addExtension("revoke", new UriType(base + "/oauth/revoke"));
        uris.addExtension("introspect", new UriType(base + "/oauth/introspect"));
        security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()));
        security.addExtension(uris);
        security.getExtension().removeIf(e -> e.getValue() instanceof StringType s && s.isEmpty());
    }
}
