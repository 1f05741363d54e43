package io.salus.node.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.salus.core.account.Account;
import io.salus.core.consent.DelegationScope;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hashing;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.crypto.device.Ed25519DeviceKey;
import io.salus.node.device.BatchJson;
import io.salus.node.mqtt.MqttTopics;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's wearable: a wrist device (its Ed25519 key derived from the patient's id, so a second demo run finds the
 * same device) registered for the first demo patient, three signed batches of heart rate and SpO2 published over MQTT
 * to the node's broker (the last one with a racing pulse), a copy and a forgery sent too, each answered on the
 * device's outcome topic; the tachycardia alert the last batch raised, and who was notified. A demo caregiver holds the
 * patient's delegation with {@code RECEIVE_ALERTS} (set on chain before the stream), and the caregiver's inbox (the
 * use case behind {@code /portal/care} and {@code GET /health-alerts}) is shown to hold the alert.
 */
final class DemoWearable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Node node;
    private final PrintStream out;

    DemoWearable(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account patient, Account caregiver) throws InterruptedException {
        try {
            delegate(patient, caregiver);
            stream(patient, caregiver);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the demo wearable could not talk to the MQTT broker: " + e.getMessage(),
                    e);
        }
    }

    /** The caregiver receives the patient's alerts (a year's delegation, set again on every demo run). */
    private void delegate(Account patient, Account caregiver) {
        var tx = node.consents().delegateCustodial(patient, caregiver.address(), DelegationScope.RECEIVE_ALERTS
                .mask(), Instant.now().plus(365, ChronoUnit.DAYS)).orElseThrow();
        out.printf("Wearable            %s delegated RECEIVE_ALERTS to %s (block %d)%n", patient.displayName(),
                caregiver.displayName(), tx.blockNumber());
    }

    private void stream(Account patient, Account caregiver)
            throws InterruptedException, ExecutionException, TimeoutException {
        URI broker = node.mqttBroker().orElse(null);
        if (broker == null) {
            out.println("Wearable            skipped: MQTT intake is off (salus.mqtt.enabled=false)");
            return;
        }
        Ed25519DeviceKey key = key("salus-demo-wearable:", patient);
        DeviceRegistration device = device(patient, key);
        long next = node.devices().status(patient, device.id().toString()).orElseThrow().stream().sequencer()
                .highest() + 1;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<BatchUpload> batches = List.of(key.signBatch(device.id(), next, readings(now.minusSeconds(120), 72, 97)),
                key.signBatch(device.id(), next + 1, readings(now.minusSeconds(60), 78, 96)), key.signBatch(device
                        .id(), next + 2, readings(now, 134, 95)));
        BatchUpload forged = key("salus-demo-forger:", patient).signBatch(device.id(), next + 3, readings(now, 60,
                99));
        List<String> outcomes = new ArrayList<>();
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(device.id().toString())
                .serverHost(broker.getHost()).serverPort(broker.getPort()).buildAsync();
        BlockingQueue<Map<?, ?>> answers = new LinkedBlockingQueue<>();
        client.connect().get(10, TimeUnit.SECONDS);
        try {
            client.subscribeWith().topicFilter(MqttTopics.outcomes(device.id())).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> answers.add(parse(p.getPayloadAsBytes()))).send().get(10, TimeUnit.SECONDS);
            for (BatchUpload b : List.of(batches.get(0), batches.get(1), batches.get(2), batches.get(2), forged)) {
                client.publishWith().topic(MqttTopics.batches(device.id())).qos(MqttQos.AT_LEAST_ONCE).payload(
                        BatchJson.bytes(b)).send().get(10, TimeUnit.SECONDS);
                Map<?, ?> a = answers.poll(30, TimeUnit.SECONDS);
                outcomes.add(a == null
                        ? "no answer"
                        : a.get("status") + (a.containsKey("code")
                                ? " " + a.get("code")
                                : ""));
            }
        } finally {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
        out.printf("Wearable            %s: device %s registered (Ed25519); over MQTT %s: batches %d-%d %s, "
                + "a copy: %s, a forgery: %s%n", patient.displayName(), device.id(), broker, next, next + 2,
                outcomes.subList(0, 3), outcomes.get(3), outcomes.get(4));
        AlertService alerts = node.healthAlerts();
        Optional<AlertService.View> raised = alerts.ofPatient(patient, patient.id(), 10).orElseThrow().stream()
                .filter(v -> v.alert().dataAt().equals(now)).findFirst();
        raised.ifPresentOrElse(v -> out.printf("Wearable            alert raised: %s, %s %s at "
                + "%s (%s), notified: %s%n", v.alert().title(),
                v.alert().value().map(x -> String.format(
                        "%.0f", x)).orElse("?"),
                v.alert().unit(), v.alert().dataAt(), v.alert().severity(),
                v.escalation().notices().stream().map(n -> n.to().role().name().toLowerCase(
                        Locale.ROOT)).distinct().toList()),
                () -> out.println("Wearable            no alert raised (unexpected!)"));
        raised.ifPresent(v -> caregiverSees(caregiver, v));
    }

    /** What the caregiver's portal page lists: the alerts sent to the caregiver that it may still read. */
    private void caregiverSees(Account caregiver, AlertService.View alert) {
        boolean seen = node.healthAlerts().inbox(caregiver, 20).stream().anyMatch(v -> v.alert().id().equals(alert
                .alert().id()));
        out.printf("Wearable            caregiver %s %s%n", caregiver.displayName(), seen
                ? "sees the alert " + alert.alert().title() + " in their inbox"
                : "does not see the alert (unexpected!)");
        out.printf("Wearable            carers' portal: %s/portal/care (sign in with the carers' portal token)%n",
                node.apiUrl());
    }

    private DeviceRegistration device(Account patient, Ed25519DeviceKey key) {
        return node.devices().of(patient, patient.id()).orElseThrow().stream().filter(d -> d.publicKey().equals(key
                .publicKey())).findFirst().orElseGet(() -> node.devices().register(patient, patient.id(),
                        new DeviceService.Request(key.publicKey().hex(), "WEARABLE", List.of(VitalSign.HEART_RATE
                                .loinc(), VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY.loinc())))
                        .orElseThrow());
    }

    /** A key derived from the patient's id: the same on every demo run (the forger's is simply another one). */
    private static Ed25519DeviceKey key(String purpose, Account patient) {
        return Ed25519DeviceKey.fromPrivateKey(Hashing.sha256((purpose + patient.id()).getBytes(
                StandardCharsets.UTF_8)).bytes());
    }

    private static List<Reading> readings(Instant at, int pulse, int spo2) {
        return List.of(Reading.of(VitalSign.HEART_RATE, Integer.toString(pulse), "/min", at), Reading.of(
                VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, Integer.toString(spo2), "%", at));
    }

    private static Map<?, ?> parse(byte[] json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            return Map.of("status", "unreadable answer");
        }
    }
}
