package io.salus.core.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An alert's id, derived from (patient, rule, data time): evaluating the same reading again yields the same id, so an
 * alert is stored and notified once however often its reading is re-processed.
 */
public record AlertId(UUID value) {
    public AlertId {
        Objects.requireNonNull(value, "value");
    }

    public static AlertId of(AccountId patient, RuleId rule, Instant dataAt) {
        byte[] text = (patient + "|" + rule + "|" + dataAt).getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.wrap(Hashing.sha256(text).bytes());
        return new AlertId(new UUID(h.getLong(), h.getLong()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
