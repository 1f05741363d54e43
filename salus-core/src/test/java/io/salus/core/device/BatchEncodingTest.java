package io.salus.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchEncodingTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:30:00.250Z");
    private static final DeviceId DEVICE = new DeviceId(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));

    @Test
    void readingEncoding_isTheDocumentedLayout() {
        Reading r = Reading.of(VitalSign.HEART_RATE, "72", "/min", AT);
        ByteBuffer expected = ByteBuffer.allocate(200);
        expected.put((byte) 23).put("salus:device-reading:v1".getBytes(StandardCharsets.US_ASCII));
        expected.putInt(6).put("8867-4".getBytes(StandardCharsets.UTF_8));
        expected.putInt(2).put("72".getBytes(StandardCharsets.UTF_8));
        expected.putInt(4).put("/min".getBytes(StandardCharsets.UTF_8));
        expected.putLong(AT.getEpochSecond()).putInt(250_000_000);
        byte[] want = new byte[expected.position()];
        expected.flip().get(want);

        assertThat(BatchEncoding.reading(r)).isEqualTo(want);
        assertThat(r.hash()).isEqualTo(Hashing.sha256(want));
    }

    @Test
    void signedBytes_areTheDocumentedLayout() {
        Hash32 h1 = Hashing.sha256(new byte[]{1});
        Hash32 h2 = Hashing.sha256(new byte[]{2});
        Instant to = AT.plusSeconds(60);
        ByteBuffer expected = ByteBuffer.allocate(200);
        expected.put((byte) 21).put("salus:device-batch:v1".getBytes(StandardCharsets.US_ASCII));
        expected.putLong(0x0011223344556677L).putLong(0x8899aabbccddeeffL);
        expected.putLong(7);
        expected.putLong(AT.getEpochSecond()).putInt(250_000_000);
        expected.putLong(to.getEpochSecond()).putInt(250_000_000);
        expected.putInt(2).put(h1.bytes()).put(h2.bytes());
        byte[] want = new byte[expected.position()];
        expected.flip().get(want);

        assertThat(BatchEncoding.signedBytes(DEVICE, 7, AT, to, List.of(h1, h2))).isEqualTo(want);
    }

    @Test
    void theValuesScaleIsPartOfTheReading_butAnExponentIsNot() {
        Reading a = Reading.of(VitalSign.BODY_TEMPERATURE, "36.6", "Cel", AT);
        Reading b = Reading.of(VitalSign.BODY_TEMPERATURE, "36.60", "Cel", AT);
        Reading c = new Reading("8867-4", new BigDecimal("1E+2"), "/min", AT);

        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(c.value().toPlainString()).isEqualTo("100");
        assertThat(c.hash()).isEqualTo(Reading.of(VitalSign.HEART_RATE, "100", "/min", AT).hash());
    }

    @Test
    void everyFieldOfAReadingChangesItsHash() {
        Reading base = Reading.of(VitalSign.HEART_RATE, "72", "/min", AT);
        assertThat(List.of(Reading.of(VitalSign.RESPIRATORY_RATE, "72", "/min", AT),
                Reading.of(VitalSign.HEART_RATE, "73", "/min", AT),
                Reading.of(VitalSign.HEART_RATE, "72", "/s", AT),
                Reading.of(VitalSign.HEART_RATE, "72", "/min", AT.plusNanos(1))))
                .extracting(Reading::hash).doesNotContain(base.hash()).doesNotHaveDuplicates();
    }

    @Test
    void aReadingsBytesCanNeverBeABatchsBytes_theDomainTagsDiffer() {
        byte[] reading = BatchEncoding.reading(Reading.of(VitalSign.HEART_RATE, "72", "/min", AT));
        byte[] batch = BatchEncoding.signedBytes(DEVICE, 1, AT, AT, List.of(Hashing.sha256(new byte[0])));
        assertThat(reading[0]).isNotEqualTo(batch[0]);
    }
}
