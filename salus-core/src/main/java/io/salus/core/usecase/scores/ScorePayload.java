package io.salus.core.usecase.scores;

import io.salus.core.account.AccountId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The sealed part of a stored score (everything but the patient, model and time): version byte 1, status, a presence
 * byte and the value as a double, unit, displayed value, band, reason (each Java modified UTF-8). Stateless.
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(p.status());
            out.writeBoolean(p.value().isPresent());
            out.writeDouble(p.value().orElse(0.0));
            out.writeUTF(p.unit());
            out.writeUTF(p.displayed());
            out.writeUTF(p.band());
            out.writeUTF(p.reason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ScorePoint decode(byte[] content, UUID id, String model, Instant at) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("unknown score payload version");
            }
            String status = in.readUTF();
            boolean has = in.readBoolean();
            double value = in.readDouble();
            return new ScorePoint(id, model, at, status, has ? Optional.of(value) : Optional.empty(), in.readUTF(),
                    in.readUTF(), in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new IllegalStateException("a stored score does not decode", e);
        }
    }
}
