package io.salus.core.device;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The canonical byte encodings a device hashes and signs (version 1; {@code docs/health-services.md} states them for
 * device makers). All integers are big-endian; a string is a u32 byte length then its UTF-8 bytes; an instant is
 * i64 epoch seconds then u32 nanoseconds. Each encoding starts with its own domain tag (a u8 length, then ASCII), so
 * a signature over one kind of message can never be presented as another, and a later version gets a new tag.
 *
 * <pre>
 * reading  = tag("salus:device-reading:v1") ‖ str(loinc) ‖ str(value as plain decimal) ‖ str(ucum unit) ‖ instant(at)
 * readingHash = SHA-256(reading)
 * signed   = tag("salus:device-batch:v1") ‖ device uuid (16 bytes: most, then least significant 64 bits)
 *            ‖ i64 sequence ‖ instant(from) ‖ instant(to) ‖ u32 n ‖ n × readingHash (32 bytes each)
 * signature = Ed25519 (RFC 8032, pure, no context) over signed, with the device's key
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class BatchEncoding {
    public static final String READING_TAG = "salus:device-reading:v1";
    public static final String BATCH_TAG = "salus:device-batch:v1";
    private static final byte[] READING_TAG_BYTES = tag(READING_TAG);
    private static final byte[] BATCH_TAG_BYTES = tag(BATCH_TAG);
    private static final int INSTANT = 12;
    private static final int HASH_BYTES = 32;

    private BatchEncoding() {
    }

    /** The canonical bytes of one reading. */
    public static byte[] reading(Reading r) {
        byte[] loinc = r.loinc().getBytes(StandardCharsets.UTF_8);
        byte[] value = r.value().toPlainString().getBytes(StandardCharsets.UTF_8);
        byte[] unit = r.unit().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(READING_TAG_BYTES.length + 12 + loinc.length + value.length
                + unit.length + INSTANT);
        out.put(READING_TAG_BYTES);
        out.putInt(loinc.length).put(loinc);
        out.putInt(value.length).put(value);
        out.putInt(unit.length).put(unit);
        instant(out, r.at());
        return out.array();
    }

    public static Hash32 readingHash(Reading r) {
        return Hashing.sha256(reading(r));
    }

    /** The bytes a device signs for a batch. */
    public static byte[] signedBytes(DeviceId device, long sequence, Instant from, Instant to, List<Hash32> hashes) {
        ByteBuffer out = ByteBuffer.allocate(BATCH_TAG_BYTES.length + 16 + 8 + 2 * INSTANT + 4
                + HASH_BYTES * hashes.size());
        out.put(BATCH_TAG_BYTES);
        UUID id = device.value();
        out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        out.putLong(sequence);
        instant(out, from);
        instant(out, to);
        out.putInt(hashes.size());
        for (Hash32 h : hashes) {
            out.put(h.bytes());
        }
        return out.array();
    }

    private static void instant(ByteBuffer out, Instant t) {
        out.putLong(t.getEpochSecond()).putInt(t.getNano());
    }

    private static byte[] tag(String t) {
        byte[] ascii = t.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[ascii.length + 1];
        out[0] = (byte) ascii.length;
        System.arraycopy(ascii, 0, out, 1, ascii.length);
        return out;
    }
}
