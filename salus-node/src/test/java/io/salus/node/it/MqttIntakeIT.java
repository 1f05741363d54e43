package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.is;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.crypto.device.Ed25519DeviceKey;
import io.salus.node.device.BatchJson;
import io.salus.node.wiring.Node;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signed batches over MQTT 5 (the node's embedded HiveMQ broker, a HiveMQ client as the device) take the same path as
 * HTTPS: accepted and anchored, a copy acknowledged as a duplicate, forged and replayed batches refused and counted, a
 * gap visible; and the broker lets no other client read or divert batches.
 */
class MqttIntakeIT {
    private final Node node = TestNodes.shared();
    private final Api api = new Api(node);
    private final URI broker = node.mqttBroker().orElseThrow();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aSignedBatchOverMqttIsAcceptedAsOneAnchoredRecord() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Mqtt wearer");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        try (MqttDevice mqtt = MqttDevice.connect(broker, device.id.toString())) {
            Map<String, Object> outcome = mqtt.send(device.heartRates(1, now, 71, 72, 73));
            assertThat(outcome).containsEntry("status", "accepted").containsEntry("readings", 3)
                    .containsEntry("missing", List.of());
            String recordId = (String) outcome.get("recordId");
            List<Map<String, Object>> records = api.awaitAnchored(patient, 2, Duration.ofSeconds(60));
            assertThat(records).extracting(r -> r.get("id")).contains(recordId);
            api.get(patient, "/records/" + recordId + "/verification").then().statusCode(200)
                    .body("verified", is(true));
        }
        api.get(patient, "/devices/" + device.id).then().body("stream.counters.accepted", is(1));
    }

    @Test
    void aCopyIsADuplicateAndOtherContentUnderTheSameSequenceIsRefusedAsReplayed() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Mqtt replayed-at");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        try (MqttDevice mqtt = MqttDevice.connect(broker, device.id.toString())) {
            BatchUpload first = device.heartRates(1, now, 70, 71);
            Object record = mqtt.send(first).get("recordId");
            assertThat(mqtt.send(first)).containsEntry("status", "duplicate").containsEntry("recordId", record);
            assertThat(mqtt.send(device.heartRates(1, now, 180, 181))).containsEntry("status", "refused")
                    .containsEntry("code", "SALUS-1803");
        }
        api.get(patient, "/devices/" + device.id).then().body("stream.counters.accepted", is(1))
                .body("stream.counters.duplicates", is(1)).body("stream.counters.replayed", is(1));
        assertThat(api.records(patient)).hasSize(2);
    }

    @Test
    void aForgedBatchIsRefusedAndCountedAndDoesNotBlockTheGenuineOne() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Mqtt forged-at");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        Ed25519DeviceKey attacker = Ed25519DeviceKey.generate(new SecureRandom());
        try (MqttDevice mqtt = MqttDevice.connect(broker, device.id.toString())) {
            assertThat(mqtt.send(attacker.signBatch(device.id, 1, device.heartRates(1, now, 150).readings())))
                    .containsEntry("status", "refused").containsEntry("code", "SALUS-1802");
            assertThat(mqtt.send("salus/devices/" + device.id + "/batches", "{not json".getBytes(
                    StandardCharsets.UTF_8))).containsEntry("code", "SALUS-1801");
            assertThat(mqtt.send(device.heartRates(1, now, 70))).containsEntry("status", "accepted");
        }
        api.get(patient, "/devices/" + device.id).then().body("stream.counters.forged", is(1))
                .body("stream.counters.accepted", is(1));
    }

    @Test
    void aGapIsVisibleUntilTheLateBatchFillsIt() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Mqtt out-of-order");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        try (MqttDevice mqtt = MqttDevice.connect(broker, device.id.toString())) {
            mqtt.send(device.heartRates(1, now.minusSeconds(600), 70));
            assertThat(mqtt.send(device.heartRates(3, now, 72))).containsEntry("inOrder", false)
                    .containsEntry("missing", List.of(Map.of("first", 2, "last", 2)));
            api.get(patient, "/devices/" + device.id).then().body("stream.missing[0].first", is(2));
            assertThat(mqtt.send(device.heartRates(2, now.minusSeconds(300), 71))).containsEntry("status",
                    "accepted").containsEntry("missing", List.of());
        }
    }

    @Test
    void httpsAndMqttShareOneStream_aBatchPostedOverHttpsIsADuplicateOverMqtt() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Both transports");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        BatchUpload batch = device.heartRates(1, now, 66);
        String record = device.post(batch).then().statusCode(202).extract().path("recordId");
        try (MqttDevice mqtt = MqttDevice.connect(broker, device.id.toString())) {
            assertThat(mqtt.send(batch)).containsEntry("status", "duplicate").containsEntry("recordId", record);
            assertThat(mqtt.send(device.heartRates(2, now, 67))).containsEntry("status", "accepted");
        }
        device.post(device.heartRates(2, now, 67)).then().statusCode(200).body("status", is("duplicate"));
    }

    @Test
    void noOtherClientCanReadBatchesJoinTheNodesShareOrPublishForAnotherDevice() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Eavesdropped");
        DeviceClient device = DeviceClient.pulseOximeter(api, patient);
        DeviceClient other = DeviceClient.pulseOximeter(api, api.open("PATIENT", "Eavesdropper"));
        try (MqttDevice spy = MqttDevice.connect(broker, other.id.toString())) {
            for (String filter : List.of("salus/devices/+/batches", "$share/salus-nodes/salus/devices/+/batches",
                    "salus/devices/" + device.id + "/outcomes", "#")) {
                Throwable t = catchThrowable(() -> spy.client.subscribeWith().topicFilter(filter).send().get(10,
                        TimeUnit.SECONDS));
                assertThat(t).as(filter).hasCauseInstanceOf(Mqtt5SubAckException.class);
                assertThat(((Mqtt5SubAckException) t.getCause()).getMqttMessage().getReasonCodes()).as(filter)
                        .containsOnly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            }
            BatchUpload forged = Ed25519DeviceKey.generate(new SecureRandom()).signBatch(device.id, 1, device
                    .heartRates(1, now, 190).readings());
            Throwable refused = catchThrowable(() -> spy.publish("salus/devices/" + device.id + "/batches", BatchJson
                    .bytes(forged), "x"));
            assertThat(refused).hasCauseInstanceOf(Mqtt5PubAckException.class);
            assertThat(((Mqtt5PubAckException) refused.getCause()).getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        }
        try (MqttDevice genuine = MqttDevice.connect(broker, device.id.toString())) {
            assertThat(genuine.send(device.heartRates(1, now, 70))).containsEntry("status", "accepted");
        }
        api.get(patient, "/devices/" + device.id).then().body("stream.counters.forged", is(0));
    }

    @Test
    void aBatchOfADeviceNeverRegisteredIsRefusedAsNotFound() throws Exception {
        DeviceId unknown = new DeviceId(UUID.randomUUID());
        Ed25519DeviceKey key = Ed25519DeviceKey.generate(new SecureRandom());
        try (MqttDevice mqtt = MqttDevice.connect(broker, unknown.toString())) {
            assertThat(mqtt.send(key.signBatch(unknown, 1, List.of(Reading.of(VitalSign.HEART_RATE, "70", "/min",
                    now))))).containsEntry("status", "refused").containsEntry("code", "SALUS-1870");
        }
    }

    @Test
    void aClientPosingAsTheNodeOrWithoutADeviceIdIsRefusedAtConnect() {
        Mqtt5AsyncClient posing = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("x")
                .serverHost(broker.getHost()).serverPort(broker.getPort()).simpleAuth().username("salus-node")
                .password("guess".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
        assertThat(catchThrowable(() -> posing.connect().get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(
                Mqtt5ConnAckException.class);
        Mqtt5AsyncClient anonymous = MqttDevice.client(broker, "not-a-device");
        assertThat(catchThrowable(() -> anonymous.connect().get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(
                Mqtt5ConnAckException.class);
    }
}
