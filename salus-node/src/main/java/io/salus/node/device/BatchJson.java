package io.salus.node.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.Ed25519Signature;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device batch on the wire (HTTPS body and MQTT payload alike; {@code docs/health-services.md}):
 *
 * <pre>
 * {"device": uuid, "sequence": n, "from": ISO instant, "to": ISO instant, "signature": 128 hex digits,
 *  "readingHashes": [64 hex digits, ...] (optional: the node recomputes them from the readings),
 *  "readings": [{"code": LOINC, "value": "decimal as text", "unit": UCUM, "at": ISO instant}, ...]}
 * </pre>
 *
 * Values are text so that their scale (36.60 against 36.6) survives: it is part of what was signed. Malformed input
 * is {@code DEVICE_BATCH_MALFORMED} with the location. Stateless.
 */
public final class BatchJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchJson() {
    }

    public static Result<BatchUpload> parse(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return fail("the batch is not valid JSON", "$");
        } catch (java.io.IOException e) {
            return fail("the batch cannot be read", "$");
        }
        if (n == null || !n.isObject()) {
            return fail("the batch is a JSON object", "$");
        }
        try {
            DeviceId device = DeviceId.parse(text(n, "device")).orElseThrow(() -> new Bad("a UUID", "device"));
            JsonNode seq = n.path("sequence");
            if (!seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
                throw new Bad("a whole number", "sequence");
            }
            Instant from = instant(text(n, "from"), "from");
            Instant to = instant(text(n, "to"), "to");
            Ed25519Signature sig = parseHex(() -> Ed25519Signature.fromHex(text(n, "signature")), "signature");
            List<Reading> readings = new ArrayList<>();
            JsonNode rs = n.path("readings");
            if (!rs.isArray()) {
                throw new Bad("an array", "readings");
            }
            for (int i = 0; i < rs.size(); i++) {
                readings.add(reading(rs.get(i), "readings[" + i + "]"));
            }
            List<Hash32> hashes = new ArrayList<>();
            JsonNode hs = n.path("readingHashes");
            if (hs.isMissingNode() || hs.isNull()) {
                readings.forEach(r -> hashes.add(r.hash()));
            } else if (hs.isArray()) {
                for (int i = 0; i < hs.size(); i++) {
                    String at = "readingHashes[" + i + "]";
                    String h = hs.get(i).asText();
                    hashes.add(parseHex(() -> Hash32.fromHex(h), at));
                }
            } else {
                throw new Bad("an array", "readingHashes");
            }
            return Result.ok(new BatchUpload(new SignedBatch(device, seq.longValue(), from, to, hashes, sig),
                    readings));
        } catch (Bad b) {
            return fail(b.getMessage(), b.location);
        }
    }

    /** The wire form of a batch (for simulated devices: the demo, the CLI, tests, benchmarks). */
    public static Map<String, Object> write(BatchUpload u) {
        Map<String, Object> m = new LinkedHashMap<>();
        SignedBatch b = u.signed();
        m.put("device", b.device().toString());
        m.put("sequence", b.sequence());
        m.put("from", b.from().toString());
        m.put("to", b.to().toString());
        m.put("readingHashes", b.readingHashes().stream().map(Hash32::hex).toList());
        m.put("signature", b.signature().hex());
        m.put("readings", u.readings().stream().map(r -> Map.of("code", r.loinc(), "value", r.value()
                .toPlainString(), "unit", r.unit(), "at", r.at().toString())).toList());
        return m;
    }

    public static byte[] bytes(BatchUpload u) {
        try {
            return JSON.writeValueAsBytes(write(u));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch is always serialisable", e);
        }
    }

    private static Reading reading(JsonNode r, String at) {
        if (!r.isObject()) {
            throw new Bad("an object", at);
        }
        String value = text(r, "value", at + ".value");
        BigDecimal v;
        try {
            v = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new Bad("a decimal number as text", at + ".value");
        }
        return new Reading(text(r, "code", at + ".code"), v, text(r, "unit", at + ".unit"), instant(text(r, "at",
                at + ".at"), at + ".at"));
    }

    private static String text(JsonNode n, String field) {
        return text(n, field, field);
    }

    private static String text(JsonNode n, String field, String at) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Bad("text", at);
        }
        return v.asText();
    }

    private static Instant instant(String s, String at) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Bad("an ISO-8601 instant such as 2026-03-01T08:30:00Z", at);
        }
    }

    private static <T> T parseHex(java.util.function.Supplier<T> p, String at) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage(), at);
        }
    }

    private static <T> Result<T> fail(String message, String location) {
        return Result.fail(Failure.of(ErrorCode.DEVICE_BATCH_MALFORMED, location + ": " + message, location));
    }

    /** A malformed field, with its location. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String location;

        Bad(String expected, String location) {
            super(expected.startsWith("an ") || expected.startsWith("a ") || expected.equals("text")
                    ? "expected " + expected
                    : expected, null, false, false);
            this.location = location;
        }
    }
}
