package io.salus.node.web;

import java.time.Duration;
import java.util.Map;

/**
 * Portal settings: the idle timeout after which a session ends, and whether the session cookie is always marked
 * {@code Secure} (it is anyway when the request came over https). Read from the environment:
 * {@code SALUS_PORTAL_IDLE_MINUTES} (default 15) and {@code SALUS_PORTAL_SECURE_COOKIE} ({@code true} behind a
 * TLS-terminating proxy).
 */
public record PortalSettings(Duration idleTimeout, boolean secureCookie) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

    public PortalSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the portal idle timeout must be positive");
        }
    }

    public static PortalSettings defaults() {
        return new PortalSettings(DEFAULT_IDLE, false);
    }

    public static PortalSettings from(Map<String, String> env) {
        String minutes = env.get("SALUS_PORTAL_IDLE_MINUTES");
        Duration idle = DEFAULT_IDLE;
        if (minutes != null && !minutes.isBlank()) {
            try {
                idle = Duration.ofMinutes(Long.parseLong(minutes.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SALUS_PORTAL_IDLE_MINUTES must be a whole number of minutes", e);
            }
        }
        return new PortalSettings(idle, Boolean.parseBoolean(env.getOrDefault("SALUS_PORTAL_SECURE_COOKIE", "false")));
    }
}
