package io.salus.node.mqtt;

import io.salus.core.device.DeviceId;
import java.util.Optional;

/**
 * The MQTT topics of device intake: a device publishes its signed batches to {@code salus/devices/<id>/batches} and
 * reads what the node did with each on {@code salus/devices/<id>/outcomes}; the nodes share one subscription
 * ({@code $share/salus-nodes/...}), so each batch is taken by one node.
 */
public final class MqttTopics {
    /** The user name the node's own MQTT client connects with. */
    public static final String NODE_USER = "salus-node";
    public static final String SHARE_GROUP = "salus-nodes";
    public static final String BATCHES = "salus/devices/+/batches";
    public static final String OUTCOMES = "salus/devices/+/outcomes";
    private static final String PREFIX = "salus/devices/";

    private MqttTopics() {
    }

    public static String batches(DeviceId device) {
        return PREFIX + device + "/batches";
    }

    public static String outcomes(DeviceId device) {
        return PREFIX + device + "/outcomes";
    }

    /** The filter the nodes subscribe with: one of them gets each batch. */
    public static String sharedBatches() {
        return "$share/" + SHARE_GROUP + "/" + BATCHES;
    }

    /** The device a batch topic names; empty for any other topic. */
    public static Optional<DeviceId> deviceOf(String batchTopic) {
        if (!batchTopic.startsWith(PREFIX) || !batchTopic.endsWith("/batches")) {
            return Optional.empty();
        }
        return DeviceId.parse(batchTopic.substring(PREFIX.length(), batchTopic.length() - "/batches".length()));
    }
}
