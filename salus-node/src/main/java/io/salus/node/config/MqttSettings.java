package io.salus.node.config;

import java.net.URI;
import java.util.Optional;

/**
 * MQTT intake (decision 0024): off unless enabled; with no external broker the node starts the embedded one on
 * {@code host:port} (port 0: a free one), otherwise it connects to {@code external} with the given credentials.
 */
public record MqttSettings(boolean enabled, String host, int port, Optional<URI> external, Optional<String> username,
        Optional<String> password) {
}
