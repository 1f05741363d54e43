package io.salus.node.wiring;

import io.salus.core.usecase.device.DeviceBatches;
import io.salus.node.config.MqttSettings;
import io.salus.node.config.NodeSettings;
import io.salus.node.mqtt.HiveMqBatchSubscriber;
import io.salus.node.mqtt.HiveMqEmbeddedBroker;
import io.salus.node.mqtt.MqttTopics;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Wires MQTT intake (decision 0024) when {@code salus.mqtt.enabled}: the embedded HiveMQ broker (its node password
 * drawn here, at each start) or an external broker by URL, and the node's subscriber feeding the same
 * {@link DeviceBatches} as HTTPS. Closing stops the subscriber, then the broker.
 */
public record MqttWiring(Optional<HiveMqEmbeddedBroker> broker, HiveMqBatchSubscriber subscriber, URI address)
        implements
            AutoCloseable {
    private static final int THREADS = 2;

    static Optional<MqttWiring> start(NodeSettings s, DeviceBatches batches, SecureRandom random) {
        MqttSettings m = s.mqtt();
        if (!m.enabled()) {
            return Optional.empty();
        }
        String clientId = "salus-node-" + HexFormat.of().formatHex(bytes(random, 8));
        if (m.external().isPresent()) {
            URI url = m.external().get();
            return Optional.of(new MqttWiring(Optional.empty(), HiveMqBatchSubscriber.connect(url.getHost(), url
                    .getPort(), "ssl".equals(url.getScheme()), clientId, m.username(), m.password(), batches,
                    THREADS), url));
        }
        String password = HexFormat.of().formatHex(bytes(random, 32));
        HiveMqEmbeddedBroker broker = HiveMqEmbeddedBroker.start(s.dataDir().resolve("mqtt"), m.host(), m.port(),
                s.maxBodyBytes(), password);
        try {
            HiveMqBatchSubscriber sub = HiveMqBatchSubscriber.connect(broker.host(), broker.port(), false, clientId,
                    Optional.of(MqttTopics.NODE_USER), Optional.of(password), batches, THREADS);
            return Optional.of(new MqttWiring(Optional.of(broker), sub, URI.create("tcp://" + broker.host() + ":"
                    + broker.port())));
        } catch (RuntimeException e) {
            closeQuietly(broker);
            throw e;
        }
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void closeQuietly(HiveMqEmbeddedBroker c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(MqttWiring.class).warn("while stopping the MQTT broker: {}", e.toString());
        }
    }

    @Override
    public void close() {
        subscriber.close();
        if (broker.isPresent()) {
            broker.get().close();
        }
    }
}
