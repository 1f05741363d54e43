package io.salus.node.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import io.salus.core.device.DeviceId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import io.salus.core.usecase.device.DeviceBatches;
import io.salus.core.usecase.device.Offered;
import io.salus.node.device.BatchJson;
import io.salus.node.device.OfferJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MQTT 5 client: takes batches from the shared subscription {@code $share/salus-nodes/salus/devices/+/
 * batches} (QoS 1, acknowledged to the broker only once the offer is settled) and hands each to the same
 * {@link DeviceBatches#offer} as HTTPS, with transport {@code mqtt}: signature, sequence, duplicates, gaps, replays
 * and forgeries are decided and counted there. What the node did is published (QoS 1) to the device's outcome topic,
 * with the request's correlation data: the JSON of the HTTPS reply for an accepted batch or a duplicate, or
 * {@code {"status": "refused", "code": ...}}; a store that is unavailable gives {@code "unavailable"} (send again).
 * Offers run on a small pool, so a slow store never blocks the client's I/O thread.
 */
public final class HiveMqBatchSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HiveMqBatchSubscriber.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Mqtt5AsyncClient client;
    private final DeviceBatches batches;
    private final ExecutorService pool;
    private final AtomicLong received = new AtomicLong();

    private HiveMqBatchSubscriber(Mqtt5AsyncClient client, DeviceBatches batches, ExecutorService pool) {
        this.client = client;
        this.batches = batches;
        this.pool = pool;
    }

    /** Connects ({@code ssl}: the JVM's trust store) and subscribes; fails if the broker refuses either. */
    public static HiveMqBatchSubscriber connect(String host, int port, boolean tls, String clientId,
            Optional<String> username, Optional<String> password, DeviceBatches batches, int threads) {
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host)
                .serverPort(port).automaticReconnectWithDefaultConfig();
        if (tls) {
            b = b.sslWithDefaultConfig();
        }
        if (username.isPresent()) {
            b = b.simpleAuth().username(username.get()).password(password.orElse("").getBytes(
                    StandardCharsets.UTF_8)).applySimpleAuth();
        }
        Mqtt5AsyncClient client = b.buildAsync();
        // after close, the client may still hand the pool its flow's completion: discarded, not an error
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "mqtt-intake");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        HiveMqBatchSubscriber s = new HiveMqBatchSubscriber(client, batches, pool);
        try {
            client.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
            client.subscribeWith().topicFilter(MqttTopics.sharedBatches()).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(s::onBatch).executor(pool).manualAcknowledgement(true).send()
                    .get(30, TimeUnit.SECONDS).getReasonCodes().forEach(code -> {
                        if (code.isError()) {
                            throw new IllegalStateException("the MQTT broker refused the batch subscription: "
                                    + code);
                        }
                    });
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot subscribe to device batches on " + host + ":" + port + ": " + e,
                    e);
        }
        return s;
    }

    /** Batches taken since start (whatever their outcome). */
    public long received() {
        return received.get();
    }

    private void onBatch(Mqtt5Publish p) {
        received.incrementAndGet();
        Optional<DeviceId> device = MqttTopics.deviceOf(p.getTopic().toString());
        try {
            if (device.isPresent()) {
                reply(p, device.get(), outcome(device.get(), p.getPayloadAsBytes()));
            }
        } catch (RuntimeException e) {
            LOG.warn("MQTT batch on {} not settled: {}", p.getTopic(), e.toString());
            ErrorCode code = e instanceof UnavailableException u ? u.code() : ErrorCode.STORE_UNAVAILABLE;
            Map<String, Object> m = OfferJson.refused(Failure.of(code, "the node could not settle the batch now; "
                    + "send it again"));
            m.put("status", "unavailable");
            device.ifPresent(d -> reply(p, d, m));
        } finally {
            p.acknowledge();
        }
    }

    private Map<String, Object> outcome(DeviceId device, byte[] payload) {
        Result<Offered> r = BatchJson.parse(payload).flatMap(upload -> upload.signed().device().equals(device)
                ? batches.offer(upload, "mqtt")
                : Result.fail(Failure.of(ErrorCode.DEVICE_BATCH_MALFORMED, "the batch names device "
                        + upload.signed().device() + ", not the one in the topic", "device")));
        return r.isOk() ? OfferJson.outcome(r.orElseThrow()) : OfferJson.refused(r.failure());
    }

    private void reply(Mqtt5Publish request, DeviceId device, Map<String, Object> outcome) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome is always serialisable", e);
        }
        Mqtt5PublishBuilder.Complete out = Mqtt5Publish.builder().topic(MqttTopics.outcomes(device))
                .qos(MqttQos.AT_LEAST_ONCE).payload(body).contentType("application/json");
        request.getCorrelationData().ifPresent(out::correlationData);
        client.publish(out.build());
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("MQTT disconnect: {}", e.toString());
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
