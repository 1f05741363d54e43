package io.salus.node.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.Severity;
import io.salus.core.port.AlertDelivery;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert webhook against a local HTTP receiver: what it sends, that it is signed, and that it is off by default. */
class WebhookAlertDeliveryTest {
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");

    record Received(String body, String signature) {
    }

    static AlertDelivery.Notification notification() {
        return new AlertDelivery.Notification(new AlertId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                Severity.URGENT, AT, new EvmAddress("0x" + "a".repeat(40)), Recipient.Role.DELEGATE, 1, AT
                        .plusSeconds(600));
    }

    @Test
    void aNotificationIsPostedSigned_namingTheAlertAndRecipient_butNoClinicalContent() throws Exception {
        BlockingQueue<Received> got = new ArrayBlockingQueue<>(4);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            got.add(new Received(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), ex
                    .getRequestHeaders().getFirst("X-Salus-Signature")));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            AlertDelivery.Notification n = notification();
            new WebhookAlertDelivery(url, Optional.of("s3cret"), () -> "https://node.example").deliver(n);
            Received r = got.poll(20, TimeUnit.SECONDS);
            assertThat(r).as("the receiver got the notification").isNotNull();
            assertThat(r.body()).contains("\"alertId\":\"" + n.alert() + "\"", "\"patientId\":\"" + n.patient()
                    + "\"", "\"severity\":\"URGENT\"", "\"role\":\"DELEGATE\"", "\"level\":1",
                    "\"alert\":\"https://node.example/health-alerts/" + n.alert() + "\"").doesNotContain("value",
                            "rule", "detail");
            assertThat(r.signature()).isEqualTo("sha256=" + WebhookAlertDelivery.hmac("s3cret".getBytes(
                    StandardCharsets.UTF_8), r.body().getBytes(StandardCharsets.UTF_8)));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theWebhookIsOffByDefault_andOnlyAnHttpAddressTurnsItOn(@TempDir Path dir) {
        assertThat(NodeSettings.resolve(Map.of(), Map.of(Setting.DATA_DIR.key(), dir.toString())).alertWebhook())
                .isEmpty();
        assertThat(NodeSettings.resolve(Map.of(), Map.of(Setting.DATA_DIR.key(), dir.toString(),
                Setting.ALERTS_WEBHOOK_URL.key(), "https://pager.example/hook")).alertWebhook()).hasValueSatisfying(
                        w -> assertThat(w.getKey()).hasToString("https://pager.example/hook"));
        assertThatThrownBy(() -> NodeSettings.resolve(Map.of(), Map.of(
                Setting.DATA_DIR.key(), dir.toString(), Setting.ALERTS_WEBHOOK_URL.key(), "file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
