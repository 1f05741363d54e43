package io.salus.node.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.salus.core.device.BatchUpload;
import io.salus.node.device.BatchJson;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A device speaking MQTT 5 with the HiveMQ client, as a wearable would: it connects with its device id as the client
 * id, publishes signed batches (QoS 1) to its batch topic with correlation data, and waits for the node's outcome on
 * its outcome topic.
 */
final class MqttDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Mqtt5AsyncClient client;
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private MqttDevice(Mqtt5AsyncClient client) {
        this.client = client;
    }

    /** Connects as {@code clientId} (a device's id) and listens to that device's outcomes. */
    static MqttDevice connect(URI broker, String clientId) throws Exception {
        Mqtt5AsyncClient c = client(broker, clientId);
        c.connect().get(10, TimeUnit.SECONDS);
        MqttDevice d = new MqttDevice(c);
        c.subscribeWith().topicFilter("salus/devices/" + clientId + "/outcomes").qos(MqttQos.AT_LEAST_ONCE)
                .callback(d::onOutcome).send().get(10, TimeUnit.SECONDS);
        return d;
    }

    static Mqtt5AsyncClient client(URI broker, String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(broker.getHost())
                .serverPort(broker.getPort()).buildAsync();
    }

    /** Publishes the batch to its device's topic and returns the node's outcome. */
    Map<String, Object> send(BatchUpload u) throws Exception {
        return send("salus/devices/" + u.signed().device() + "/batches", BatchJson.bytes(u));
    }

    Map<String, Object> send(String topic, byte[] payload) throws Exception {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<Map<String, Object>> outcome = new CompletableFuture<>();
        pending.put(correlation, outcome);
        publish(topic, payload, correlation);
        return outcome.get(30, TimeUnit.SECONDS);
    }

    /** Publishes without waiting for an outcome: what the broker answered. */
    Mqtt5PublishResult publish(String topic, byte[] payload, String correlation) throws Exception {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .correlationData(correlation.getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private void onOutcome(Mqtt5Publish p) {
        String correlation = p.getCorrelationData().map(MqttDevice::text).orElse("");
        CompletableFuture<Map<String, Object>> f = pending.remove(correlation);
        if (f != null) {
            try {
                f.complete(JSON.readValue(p.getPayloadAsBytes(), Map.class));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }
    }

    private static String text(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
