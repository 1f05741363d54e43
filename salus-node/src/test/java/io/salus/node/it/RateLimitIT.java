package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.node.config.Setting;
import io.salus.node.web.PortalHttp;
import io.salus.node.wiring.Node;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods are answered 429 {@code application/problem+json} with {@code Retry-After} (issue 13, item 8), on a node of
 * its own with small limits and no refill during the test. Every request comes from 127.0.0.1, so the per-address
 * buckets are shared by the tests: each exhausts its own limit, and the sign-in flood, which then refuses the address
 * everything, runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitIT {
    @TempDir
    static Path dir;
    static Node node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNodes.start(dir.resolve("node"), Map.ofEntries(
                Map.entry(Setting.LIMIT_SIGN_IN_BURST.key(), "5"),
                Map.entry(Setting.LIMIT_SIGN_IN_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.LIMIT_NONCE_BURST.key(), "3"),
                Map.entry(Setting.LIMIT_NONCE_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.LIMIT_RECOVERY_OPEN_BURST.key(), "2"),
                Map.entry(Setting.LIMIT_RECOVERY_OPEN_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.LIMIT_ACCESS_BURST.key(), "1000"),
                Map.entry(Setting.LIMIT_ACCESS_DENIED_BURST.key(), "3"),
                Map.entry(Setting.LIMIT_ACCESS_DENIED_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.LIMIT_SESSION_BURST.key(), "2"),
                Map.entry(Setting.LIMIT_SESSION_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.DEAL_RATE_BURST.key(), "2"),
                Map.entry(Setting.DEAL_RATE_REFILL_SECONDS.key(), "3600"),
                Map.entry(Setting.LIMIT_DEAL_POST_BURST.key(), "3"),
                Map.entry(Setting.LIMIT_DEAL_POST_REFILL_SECONDS.key(), "3600")));
        api = new Api(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static void limited(Response r) {
        r.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("SALUS-1350"));
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
    }

    @Test
    @Order(1)
    void nonceFlood_gets429WithRetryAfter_perAccountAndPerAddress() {
        Api.Acct holder = api.open("CONSUMER", "Nonce hoarder");
        for (int i = 0; i < 3; i++) {
            api.post(holder, "/presentations/nonce").then().statusCode(201);
        }
        limited(api.post(holder, "/presentations/nonce"));
        Api.Acct second = api.open("CONSUMER", "Second account on the same address");
        limited(api.post(second, "/presentations/nonce"));
    }

    @Test
    @Order(2)
    void deniedAccessFlood_gets429_andStopsFillingThePatientsAuditTrail() {
        Api.Acct patient = api.open("PATIENT", "Patient probed by a flood");
        Api.Acct other = api.open("PATIENT", "Another patient");
        Api.Acct prober = api.open("CONSUMER", "Unattested prober");
        ConsentRequests consent = new ConsentRequests(api);
        for (int i = 0; i < 3; i++) {
            consent.access(prober, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(403)
                    .body("code", equalTo("SALUS-0406"));
        }
        for (int i = 0; i < 5; i++) {
            limited(consent.access(prober, patient, "HRESCH", "VITAL_SIGNS"));
        }
        List<Map<String, Object>> log = consent.accessLog(patient);
        assertThat(log).as("only the denials before the limit were decided and audited").hasSize(3);
        consent.access(prober, other, "HRESCH", "VITAL_SIGNS").then().statusCode(403)
                .body("code", equalTo("SALUS-0406"));
    }

    @Test
    @Order(3)
    void recoveryOpeningFlood_gets429WithRetryAfter() {
        Api.Acct patient = api.open("PATIENT", "Patient of an eager guardian");
        Api.Acct guardian = api.open("CAREGIVER", "Eager guardian");
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(guardian.id()), "threshold", 1))
                .put("/patients/" + patient.id() + "/guardians").then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            api.post(guardian, "/patients/" + patient.id() + "/recoveries").then().statusCode(201);
        }
        limited(api.post(guardian, "/patients/" + patient.id() + "/recoveries"));
        limited(given().baseUri(api.url).auth().oauth2(api.operatorToken)
                .post("/patients/" + patient.id() + "/recoveries"));
    }

    @Test
    @Order(4)
    void sessionFloodWithOneToken_gets429WithRetryAfter_whileAnotherAccountSignsIn() {
        Api.Acct stolen = api.open("PATIENT", "Account whose token mints sessions");
        for (int i = 0; i < 2; i++) {
            assertThat(new PortalHttp(api.url).signIn(stolen.token()).statusCode()).isEqualTo(303);
        }
        var refused = new PortalHttp(api.url).signIn(stolen.token());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s))
                .isPositive());
        assertThat(refused.body()).contains("SALUS-1350");
        Api.Acct other = api.open("PATIENT", "Another account on the same address");
        assertThat(new PortalHttp(api.url).signIn(other.token()).statusCode()).isEqualTo(303);
    }

    @Test
    @Order(5)
    void dealPostingFlood_gets429WithRetryAfter_perOrganisationAndPerAddress() {
        DealWorld first = new DealWorld(api, "Flooding");
        DealWorld second = new DealWorld(api, "Same address");
        Map<String, Object> unparsable = new java.util.HashMap<>(DealWorld.deal(DealWorld.freshBase(), 20,
                Instant.now().plusSeconds(86_400)));
        unparsable.put("criteria", Map.of("no such criterion", 1));
        for (int i = 0; i < 2; i++) {
            assertThat(first.post(unparsable).statusCode()).as("refused for its criteria, after the limit's token")
                    .isIn(400, 422);
        }
        Response organisation = first.post(unparsable);
        organisation.then().statusCode(429).contentType("application/problem+json").body("code",
                equalTo("SALUS-1201"));
        assertThat(Long.parseLong(organisation.header("Retry-After"))).isPositive();
        limited(second.post(unparsable));
    }

    @Test
    @Order(6)
    void signInFlood_gets429WithRetryAfter_forTheApiAndThePortal() {
        Api.Acct victim = api.open("PATIENT", "Account whose token is being guessed");
        for (int i = 0; i < 5; i++) {
            given().baseUri(api.url).auth().oauth2("salus_guess" + i).get("/accounts/me").then().statusCode(401);
        }
        limited(given().baseUri(api.url).auth().oauth2("salus_guess").get("/accounts/me"));
        limited(given().baseUri(api.url).auth().oauth2(victim.token()).get("/accounts/me"));
        PortalHttp portal = new PortalHttp(api.url);
        var page = portal.signIn(victim.token());
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
    }
}
