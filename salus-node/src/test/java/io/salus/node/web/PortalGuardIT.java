package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.it.SharedNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing portal route (as registered, so new routes are covered automatically) is refused without a
 * live session and without the right CSRF token, and nothing changes; cookies and headers are as documented.
 */
class PortalGuardIT {
    private static SharedNode.Account patient;
    private static long grantId;

    @BeforeAll
    static void setUp() {
        patient = SharedNode.open("PATIENT", "Guarded patient");
        grantId = SharedNode.grant(patient, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
    }

    private static List<PortalRouter.Route> stateChanging() {
        List<PortalRouter.Route> routes = PortalRouter.registered().stream().filter(r -> !r.method().equals("GET"))
                .sorted(java.util.Comparator.comparing(PortalRouter.Route::path)).toList();
        assertThat(routes).extracting(PortalRouter.Route::path).contains("/portal/sign-in", "/portal/sign-out");
        assertThat(routes).allSatisfy(r -> assertThat(r.csrf()).as(r.path()).isTrue());
        return routes;
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{grantId}", Long.toString(grantId)).replaceAll("\\{[^}]+}", "1");
    }

    @Test
    void everyStateChangingRoute_isRefusedWithoutASession() {
        SharedNode.node();
        for (PortalRouter.Route r : stateChanging()) {
            PortalHttp anonymous = new PortalHttp(SharedNode.url());
            HttpResponse<String> res = anonymous.request(r.method(), concrete(r.path()), Map.of("csrf", "x"),
                    Map.of());
            assertThat(res.statusCode()).as(r.method() + " " + r.path()).isIn(401, 403);
            assertThat(res.body()).as(r.path()).containsAnyOf("SALUS-0780", "SALUS-0782");
        }
        assertNothingChanged();
    }

    @Test
    void everyStateChangingRoute_isRefusedWithoutOrWithAWrongCsrfToken() {
        SharedNode.node();
        PortalHttp client = new PortalHttp(SharedNode.url());
        assertThat(client.signIn(patient.token()).statusCode()).isEqualTo(303);
        for (PortalRouter.Route r : stateChanging()) {
            String path = concrete(r.path());
            HttpResponse<String> none = client.request(r.method(), path, Map.of(), Map.of());
            assertThat(none.statusCode()).as("no token: " + r.path()).isEqualTo(403);
            assertThat(none.body()).contains(r.signedIn() ? "SALUS-0782" : "SALUS-0782");
            HttpResponse<String> wrong = client.request(r.method(), path, Map.of("csrf", "not-the-token"),
                    Map.of(PortalRouter.CSRF_HEADER, "not-the-token-either"));
            assertThat(wrong.statusCode()).as("wrong token: " + r.path()).isEqualTo(403);
        }
        assertThat(client.get("/portal").statusCode()).as("the session survived (sign-out was refused)")
                .isEqualTo(200);
        assertNothingChanged();
    }

    private static void assertNothingChanged() {
        Map<String, Object> g = SharedNode.consents(patient).stream()
                .filter(m -> ((Number) m.get("grantId")).longValue() == grantId).findFirst().orElseThrow();
        assertThat(g).doesNotContainKey("revokedAtBlock");
        assertThat(SharedNode.consents(patient)).hasSize(1);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToThePortal_andANewIdIsIssuedAtEachSignIn() {
        PortalHttp client = new PortalHttp(SharedNode.url());
        HttpResponse<String> first = client.signIn(patient.token());
        String cookie = PortalHttp.setCookies(first).stream().filter(c -> c.startsWith("salus_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("; Path=/portal", "; HttpOnly", "; SameSite=Strict").doesNotContain("Secure");
        String firstId = client.cookie("salus_session").orElseThrow();
        assertThat(firstId).hasSize(43);

        // Signing in again from the same browser (which holds a live session) ends that session and issues a new id.
        PortalHttp fresh = new PortalHttp(SharedNode.url());
        String pre = fresh.get("/portal/sign-in").body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        client.setCookie("salus_signin", fresh.cookie("salus_signin").orElseThrow());
        assertThat(client.post("/portal/sign-in", Map.of("csrf", pre, "token", patient.token())).statusCode())
                .isEqualTo(303);
        String secondId = client.cookie("salus_session").orElseThrow();
        assertThat(secondId).isNotEqualTo(firstId);
        PortalHttp stale = new PortalHttp(SharedNode.url());
        stale.setCookie("salus_session", firstId);
        assertThat(stale.get("/portal/patient").statusCode()).as("the id from before sign-in is dead").isEqualTo(303);
    }

    @Test
    void anIdPlantedBeforeSignIn_isNeverTheSessionId() {
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.setCookie("salus_session", "planted-by-an-attacker-0000000000000000000");
        assertThat(client.signIn(patient.token()).statusCode()).isEqualTo(303);
        assertThat(client.cookie("salus_session")).isPresent().get()
                .isNotEqualTo("planted-by-an-attacker-0000000000000000000");
        PortalHttp attacker = new PortalHttp(SharedNode.url());
        attacker.setCookie("salus_session", "planted-by-an-attacker-0000000000000000000");
        assertThat(attacker.get("/portal/patient").statusCode()).isEqualTo(303);
    }

    @Test
    void signOut_endsTheSessionOnTheNode() {
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(patient.token());
        String id = client.cookie("salus_session").orElseThrow();
        assertThat(client.postWithCsrf("/portal/sign-out", Map.of()).statusCode()).isEqualTo(303);
        PortalHttp replay = new PortalHttp(SharedNode.url());
        replay.setCookie("salus_session", id);
        assertThat(replay.get("/portal/patient").statusCode()).isEqualTo(303);
    }

    @Test
    void aWrongToken_signsNobodyIn() {
        PortalHttp client = new PortalHttp(SharedNode.url());
        HttpResponse<String> r = client.signIn("not-a-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("SALUS-0781");
        assertThat(client.cookie("salus_session")).isEmpty();
    }

    @Test
    void pagesCarryTheSecurityHeaders_andNoInlineScript() {
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(patient.token());
        HttpResponse<String> page = client.get("/portal/patient");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "frame-ancestors 'none'", "script-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(page.body()).doesNotContain(" style=\"", " onclick=");
    }

    @Test
    void aPatientPageIsRefusedToAnotherKindOfAccount() {
        SharedNode.Account auditor = SharedNode.open("ISSUER", "Not a patient");
        PortalHttp client = new PortalHttp(SharedNode.url());
        client.signIn(auditor.token());
        HttpResponse<String> r = client.get("/portal/patient");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("SALUS-0784");
    }
}
