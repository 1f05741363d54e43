package io.salus.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.salus.node.it.SharedNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SMART App Launch (standalone, patient) end to end, and the attacks on it, each refused. */
class SmartAppLaunchIT {
    static final String SCOPES = "launch/patient patient/*.rs offline_access";
    static SharedNode.Account patient;
    static SharedNode.Account otherPatient;
    static SmartFlow app;

    @BeforeAll
    static void setUp() throws InterruptedException {
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "SMART hospital");
        patient = SharedNode.open("PATIENT", "SMART patient");
        otherPatient = SharedNode.open("PATIENT", "SMART other patient");
        SharedNode.depositSynthea(hospital, patient, 1);
        SharedNode.depositSynthea(hospital, otherPatient, 2);
        app = SmartFlow.register(SCOPES);
    }

    static JsonNode tokens(SmartFlow flow, String code) {
        HttpResponse<String> r = flow.exchange(code, flow.verifier, SmartFlow.REDIRECT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return SmartFlow.json(r);
    }

    @Test
    void aSmartApp_authorizesWithPkce_readsObservations_refreshes_andIsRevoked() {
        SmartFlow flow = new SmartFlow(app.clientId);
        JsonNode t = tokens(flow, flow.code(patient.token(), SCOPES, List.of()));
        assertThat(t.path("patient").asText()).isEqualTo(patient.id());
        assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.path("scope").asText()).contains("patient/*.rs");
        String access = t.path("access_token").asText();
        Bundle obs = FhirClients.as(access).search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patient.id())).returnBundle(Bundle.class).execute();
        assertThat(obs.getTotal()).isPositive();
        assertThat(flow.introspect(access).path("active").asBoolean()).isTrue();

        JsonNode refreshed = SmartFlow.json(flow.refresh(t.path("refresh_token").asText()));
        String access2 = refreshed.path("access_token").asText();
        assertThat(refreshed.path("refresh_token").asText()).isNotEqualTo(t.path("refresh_token").asText());
        assertThat(FhirClients.as(access2).read().resource(Patient.class).withId(patient.id()).execute()
                .getIdElement().getIdPart()).isEqualTo(patient.id());

        assertThat(flow.revoke(refreshed.path("refresh_token").asText()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> FhirClients.as(access2).read().resource(Patient.class).withId(patient.id())
                .execute()).isInstanceOf(AuthenticationException.class);
        assertThat(flow.introspect(access2).path("active").asBoolean()).isFalse();
    }

    @Test
    void revokingAnAccessToken_stopsIt() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String access = tokens(flow, flow.code(patient.token(), SCOPES, List.of())).path("access_token").asText();
        assertThat(flow.revoke(access).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> FhirClients.as(access).read().resource(Patient.class).withId(patient.id())
                .execute()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aWrongPkceVerifier_isRefused() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String code = flow.code(patient.token(), SCOPES, List.of());
        HttpResponse<String> r = flow.exchange(code, SmartFlow.random(48), SmartFlow.REDIRECT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SmartFlow.json(r).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(flow.exchange(code, flow.verifier, SmartFlow.REDIRECT).statusCode())
                .as("the code was used up by the failed attempt").isEqualTo(400);
    }

    @Test
    void aReplayedCode_isRefusedAndRevokesTheTokensItGave() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String code = flow.code(patient.token(), SCOPES, List.of());
        String access = tokens(flow, code).path("access_token").asText();
        HttpResponse<String> replay = flow.exchange(code, flow.verifier, SmartFlow.REDIRECT);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(SmartFlow.json(replay).path("error").asText()).isEqualTo("invalid_grant");
        assertThatThrownBy(() -> FhirClients.as(access).read().resource(Patient.class).withId(patient.id())
                .execute()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aCodeForAnotherClient_isRefused() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String code = flow.code(patient.token(), SCOPES, List.of());
        SmartFlow thief = SmartFlow.register(SCOPES);
        HttpResponse<String> r = thief.exchange(code, flow.verifier, SmartFlow.REDIRECT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SmartFlow.json(r).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRedirectUriMismatch_isRefusedAtAuthorizeWithoutRedirecting_andAtTheTokenEndpoint() {
        SmartFlow flow = new SmartFlow(app.clientId);
        HttpResponse<String> r = flow.authorize(SCOPES, "https://attacker.example/steal");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        String code = flow.code(patient.token(), SCOPES, List.of());
        HttpResponse<String> t = flow.exchange(code, flow.verifier, SmartFlow.REDIRECT + "/other");
        assertThat(t.statusCode()).isEqualTo(400);
        assertThat(SmartFlow.json(t).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aMalformedScope_isRedirectedAsInvalidScope() {
        HttpResponse<String> r = new SmartFlow(app.clientId).authorize("patient/Observation.xyz", SmartFlow.REDIRECT);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(SmartFlow.REDIRECT)
                .contains("error=invalid_scope");
    }

    @Test
    void theTokenOfPatientA_cannotReadOrSearchPatientB() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String access = tokens(flow, flow.code(patient.token(), SCOPES, List.of())).path("access_token").asText();
        assertThatThrownBy(() -> FhirClients.as(access).search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(otherPatient.id())).returnBundle(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> FhirClients.as(access).read().resource(Patient.class).withId(otherPatient.id())
                .execute()).isInstanceOf(ForbiddenOperationException.class);
        Bundle theirs = FhirClients.as(otherPatient.token()).search().forResource(Condition.class)
                .returnBundle(Bundle.class).execute();
        String theirConditionId = theirs.getEntryFirstRep().getResource().getIdElement().getIdPart();
        assertThatThrownBy(() -> FhirClients.as(access).read().resource(Condition.class).withId(theirConditionId)
                .execute()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anObservationOnlyScope_cannotReadConditions() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String scope = "launch/patient patient/Observation.rs";
        String access = tokens(flow, flow.code(patient.token(), scope, List.of())).path("access_token").asText();
        assertThat(FhirClients.as(access).search().forResource(Observation.class).returnBundle(Bundle.class)
                .execute().getTotal()).isPositive();
        assertThatThrownBy(() -> FhirClients.as(access).search().forResource(Condition.class)
                .returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void thePatientUntickingConditions_leavesTheAppWithoutThem() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String scope = "launch/patient patient/Observation.rs patient/Condition.rs";
        JsonNode t = tokens(flow, flow.code(patient.token(), scope, List.of("patient/Observation.rs")));
        assertThat(t.path("scope").asText()).contains("patient/Observation.rs").doesNotContain("Condition");
        assertThatThrownBy(() -> FhirClients.as(t.path("access_token").asText()).search()
                .forResource(Condition.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void anAuthorizationWithoutPkceS256_isRefused() {
        for (Map<String, String> weak : List.of(Map.of("code_challenge", "", "code_challenge_method", ""),
                Map.of("code_challenge_method", "plain"))) {
            assertRedirectedWithError(new SmartFlow(app.clientId).authorize(SCOPES, SmartFlow.REDIRECT, weak),
                    "invalid_request");
        }
    }

    @Test
    void anAuthorizationForAnotherServersAudience_isRefused() {
        assertRedirectedWithError(new SmartFlow(app.clientId).authorize(SCOPES, SmartFlow.REDIRECT,
                Map.of("aud", "https://rogue.example/fhir")), "invalid_request");
    }

    private static void assertRedirectedWithError(HttpResponse<String> r, String error) {
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SmartFlow.REDIRECT);
        assertThat(SmartFlow.query(location)).containsEntry("error", error).doesNotContainKey("code");
    }

    @Test
    void scopesSlippedIntoTheConsentForm_areNotGranted() {
        SmartFlow flow = new SmartFlow(app.clientId);
        String scope = "launch/patient patient/Observation.rs";
        JsonNode t = tokens(flow, flow.code(patient.token(), scope,
                List.of("patient/Observation.rs", "patient/*.rs", "patient/Condition.rs")));
        assertThat(t.path("scope").asText().split(" ")).containsExactlyInAnyOrder(scope.split(" "));
        assertThatThrownBy(() -> FhirClients.as(t.path("access_token").asText()).search()
                .forResource(Condition.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aConfidentialClient_mustPresentItsSecret() {
        JsonNode reg = SmartFlow.registerClient(SCOPES, true);
        SmartFlow flow = new SmartFlow(reg.path("clientId").asText());
        String code = flow.code(patient.token(), SCOPES, List.of());
        HttpResponse<String> noSecret = flow.exchange(code, flow.verifier, SmartFlow.REDIRECT);
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(SmartFlow.json(noSecret).path("error").asText()).isEqualTo("invalid_client");
        String code2 = flow.code(patient.token(), SCOPES, List.of());
        HttpResponse<String> ok = flow.token(Map.of("grant_type", "authorization_code", "code", code2,
                "code_verifier", flow.verifier, "redirect_uri", SmartFlow.REDIRECT, "client_secret",
                reg.path("clientSecret").asText()));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshToken_revokesTheGrant() {
        SmartFlow flow = new SmartFlow(app.clientId);
        JsonNode t = tokens(flow, flow.code(patient.token(), SCOPES, List.of()));
        JsonNode rotated = SmartFlow.json(flow.refresh(t.path("refresh_token").asText()));
        HttpResponse<String> reuse = flow.refresh(t.path("refresh_token").asText());
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(flow.refresh(rotated.path("refresh_token").asText()).statusCode())
                .as("the whole grant is revoked").isEqualTo(400);
    }

    @Test
    void smartConfiguration_isServedAtTheFhirBaseAndTheRoot() {
        for (String path : List.of("/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration")) {
            HttpResponse<String> r = SmartFlow.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    SharedNode.url() + path)).GET());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode c = SmartFlow.json(r);
            assertThat(c.path("code_challenge_methods_supported").toString()).contains("S256");
            assertThat(c.path("authorization_endpoint").asText()).endsWith("/oauth/authorize");
        }
    }
}
