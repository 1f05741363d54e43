package io.salus.core.smart;

import java.util.Optional;

/** How a client identified itself at the token, revocation or introspection endpoint. */
public record ClientAuth(String clientId, Optional<String> secret) {
}
