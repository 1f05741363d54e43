package io.salus.node.monitoring;

import io.salus.core.port.AlertDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AlertDelivery} adapter on a webhook ({@code salus.alerts.webhook-url}; off when empty): each
 * notification is POSTed as JSON, asynchronously, naming the alert, the patient's account id, the severity, the
 * recipient (address and role), the escalation level, the times and the API address to read the alert from, never the
 * rule, value or detail. With {@code salus.alerts.webhook-secret} the body is signed: header
 * {@code X-Salus-Signature: sha256=<hex HMAC-SHA256 of the body>}. Best effort: a failure or a non-2xx answer is
 * logged, not retried (the alert itself is stored, escalates and is shown regardless). Thread-safe.
 */
public final class WebhookAlertDelivery implements AlertDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertDelivery.class);
    private final URI url;
    private final Optional<byte[]> secret;
    private final Supplier<String> apiBase;
    private final HttpClient http;

    public WebhookAlertDelivery(URI url, Optional<String> secret, Supplier<String> apiBase) {
        this.url = url;
        this.secret = secret.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.apiBase = apiBase;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void deliver(Notification n) {
        byte[] body = body(n).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        secret.ifPresent(k -> req.header("X-Salus-Signature", "sha256=" + hmac(k, body)));
        http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("alert webhook: delivering {} failed: {}", n.alert(), e.toString());
            } else if (r.statusCode() / 100 != 2) {
                LOG.warn("alert webhook: delivering {} was answered {}", n.alert(), r.statusCode());
            }
        });
    }

    String body(Notification n) {
        return "{\"alertId\":\"" + n.alert() + "\",\"patientId\":\"" + n.patient() + "\",\"severity\":\"" + n
                .severity() + "\",\"raisedAt\":\"" + n.raisedAt() + "\",\"recipient\":\"" + n.recipient().hex()
                + "\",\"role\":\"" + n.role() + "\",\"level\":" + n.level() + ",\"notifiedAt\":\"" + n.at()
                + "\",\"alert\":\"" + apiBase.get() + "/health-alerts/" + n.alert() + "\"}";
    }

    static String hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
