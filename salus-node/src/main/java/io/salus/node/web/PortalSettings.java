package io.salus.node.web;

import java.time.Duration;

/**
 * Portal settings: the idle timeout after which a session ends, and whether the session cookie is always marked
 * {@code Secure} (it is anyway when the request came over https). The node reads them from its settings
 * ({@code salus.portal.idle-minutes}, {@code salus.portal.secure-cookie}).
 */
public record PortalSettings(Duration idleTimeout, boolean secureCookie) {

    public PortalSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the portal idle timeout must be positive");
        }
    }
}
