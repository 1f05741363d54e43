package io.salus.core.usecase.scores;

import io.salus.core.account.AccountId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sealed part of a stored score (everything but the patient, model and time): version byte 1, a presence byte and
 * the value as a double, then status, unit, displayed value, band and reason (each a u32 length then UTF-8).
 * Stateless.
 */
public final class ScorePayload {
    private static final int VERSION = 1;

    private ScorePayload() {
    }

    /** Binds a sealed score to its id, patient and model. */
    public static byte[] associatedData(UUID id, AccountId patient, String model) {
        return ("salus:risk-score:v1|" + id + "|" + patient + "|" + model).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds sealed answers to their id and patient. */
    public static byte[] answersAssociatedData(UUID id, AccountId patient) {
        return ("salus:risk-answers:v1|" + id + "|" + patient).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(ScorePoint p) {
        List<byte[]> texts = List.of(utf8(p.status()), utf8(p.unit()), utf8(p.displayed()), utf8(p.band()), utf8(p
                .reason()));
        int size = 1 + 1 + Double.BYTES + texts.stream().mapToInt(t -> Integer.BYTES + t.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).put((byte) VERSION);
        out.put((byte) (p.value().isPresent() ? 1 : 0)).putDouble(p.value().orElse(0.0));
        for (byte[] t : texts) {
            out.putInt(t.length).put(t);
        }
        return out.array();
    }

    static ScorePoint decode(byte[] content, UUID id, String model, Instant at) {
        ByteBuffer in = ByteBuffer.wrap(content);
        try {
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown score payload version");
            }
            boolean has = in.get() == 1;
            double value = in.getDouble();
            String status = text(in);
            return new ScorePoint(id, model, at, status, has ? Optional.of(value) : Optional.empty(), text(in), text(
                    in), text(in), text(in));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored score does not decode", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad text length");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
