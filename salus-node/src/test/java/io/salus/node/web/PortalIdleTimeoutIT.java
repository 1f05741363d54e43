package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.salus.core.limit.Throttle;
import io.salus.core.port.SessionStore;
import io.salus.node.http.RateLimits;
import io.salus.node.it.SharedNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle timeout and the Secure flag over HTTP: a portal on its own Javalin app with the node's accounts and a clock moved by hand. */
class PortalIdleTimeoutIT {

    private static Portal portal(PortalSettings settings, Clock clock) {
        return new Portal(SharedNode.node().accounts(), settings, clock, new SecureRandom(), List.of(), id -> false,
                new RateLimits(none(clock), none(clock), none(clock), none(clock), none(clock), none(clock),
                        none(clock)),
                SessionStore.inMemory());
    }

    private static Throttle none(Clock clock) {
        return Throttle.of("nothing", 0, Duration.ofSeconds(1), clock);
    }

    @Test
    void aSessionIdleForTheTimeout_isSignedOut_andAnActiveOneIsNot() {
        MutableClock clock = new MutableClock(Instant.now());
        SharedNode.Account patient = SharedNode.open("PATIENT", "Idle patient");
        Javalin app = Javalin.create(config -> portal(new PortalSettings(Duration.ofMinutes(15), false), clock)
                .register(config)).start("127.0.0.1", 0);
        try {
            PortalHttp client = new PortalHttp("http://127.0.0.1:" + app.port());
            assertThat(client.signIn(patient.token()).statusCode()).isEqualTo(303);
            clock.advance(Duration.ofMinutes(14));
            assertThat(client.get("/portal").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(14));
            assertThat(client.get("/portal").statusCode()).as("used 14 minutes ago: still signed in").isEqualTo(200);
            clock.advance(Duration.ofMinutes(15));
            var page = client.get("/portal");
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location").orElseThrow())
                    .startsWith("/portal/sign-in?notice=signed-out");
            var post = client.postWithCsrf("/portal/sign-out", java.util.Map.of());
            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(post.body()).contains("SALUS-0780");
        } finally {
            app.stop();
        }
    }

    @Test
    void theSessionCookieIsMarkedSecureWhenConfigured() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "Secure-cookie patient");
        Javalin app = Javalin.create(config -> portal(new PortalSettings(Duration.ofMinutes(15), true),
                Clock.systemUTC()).register(config)).start("127.0.0.1", 0);
        try {
            PortalHttp client = new PortalHttp("http://127.0.0.1:" + app.port());
            var r = client.signIn(patient.token());
            assertThat(PortalHttp.setCookies(r)).filteredOn(c -> c.startsWith("salus_session=")).singleElement()
                    .satisfies(c -> assertThat(c).contains("; HttpOnly", "; SameSite=Strict", "; Secure"));
        } finally {
            app.stop();
        }
    }
}
