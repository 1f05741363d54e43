package io.salus.core.usecase.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.RuleId;
import io.salus.core.monitoring.Severity;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The part of an alert that is sealed (encrypted like a record): which rule, its title, the measure, value and unit,
 * and the detail. The store keeps only what escalation needs in plain (id, patient, severity, times). Version 1 binary
 * encoding: a version byte; rule, title and measure; a presence byte and the value as a double; unit and detail (each
 * text a u32 length then UTF-8). Stateless.
 */
public final class AlertPayload {
    private static final int VERSION = 1;

    private AlertPayload() {
    }

    /** The associated data binding a sealed alert to its id and patient. */
    public static byte[] associatedData(AlertId id, AccountId patient) {
        return ("salus:alert:v1|" + id + "|" + patient).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(Alert a) {
        List<byte[]> texts = List.of(utf8(a.rule().value()), utf8(a.title()), utf8(a.measure().map(Measure::name)
                .orElse("")), utf8(a.unit()), utf8(a.detail()));
        int size = 1 + 1 + Double.BYTES + texts.stream().mapToInt(t -> Integer.BYTES + t.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).put((byte) VERSION);
        for (int i = 0; i < 3; i++) {
            put(out, texts.get(i));
        }
        out.put((byte) (a.value().isPresent() ? 1 : 0)).putDouble(a.value().orElse(0.0));
        put(out, texts.get(3));
        put(out, texts.get(4));
        return out.array();
    }

    static Alert decode(byte[] sealedContent, AlertId id, AccountId patient, Severity severity, Instant dataAt,
            Instant raisedAt) {
        ByteBuffer in = ByteBuffer.wrap(sealedContent);
        try {
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown alert payload version");
            }
            RuleId rule = new RuleId(text(in));
            String title = text(in);
            String measure = text(in);
            boolean hasValue = in.get() == 1;
            double value = in.getDouble();
            String unit = text(in);
            String detail = text(in);
            return new Alert(id, patient, rule, title, severity, measure.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Measure.valueOf(measure)), hasValue ? Optional.of(value) : Optional.empty(), unit,
                    dataAt, raisedAt, detail);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("alert " + id + "'s payload is malformed", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ByteBuffer out, byte[] text) {
        out.putInt(text.length).put(text);
    }

    private static String text(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
