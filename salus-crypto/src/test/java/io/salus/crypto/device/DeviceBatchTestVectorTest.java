package io.salus.crypto.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.BatchEncoding;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The test vector published in docs/health-services.md for device makers: two readings signed as batch 1 with the RFC
 * 8032 test key 1. The signature was cross-checked with an independent Ed25519 (pyca/cryptography on OpenSSL).
 */
class DeviceBatchTestVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T = Instant.parse("2026-03-01T08:30:00Z");
    private static final List<Reading> READINGS = List.of(Reading.of(VitalSign.HEART_RATE, "72", "/min", T),
            Reading.of(VitalSign.OXYGEN_SATURATION_PULSE_OXIMETRY, "97", "%", T.plusSeconds(30)));

    @Test
    void theReadingsEncodeAndHashAsDocumented() {
        assertThat(HEX.formatHex(BatchEncoding.reading(READINGS.get(0)))).isEqualTo(
                "1773616c75733a6465766963652d72656164696e673a763100000006383836372d34000000023732000000042f6d696e"
                        + "0000000069a3f90800000000");
        assertThat(READINGS.get(0).hash().hex()).isEqualTo(
                "0xb59bca286805a20b4fd37eb2c9f368ca2a2ae46615471dd04f7a29ab8f49eca9");
        assertThat(READINGS.get(1).hash().hex()).isEqualTo(
                "0x211549314b79afdb253709468c37b14c71c4df4de64d8d83eed6a205129e0126");
    }

    @Test
    void theBatchIsSignedAsDocumented() {
        Ed25519DeviceKey rfcKey1 = Ed25519DeviceKey.fromPrivateKey(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        BatchUpload u = rfcKey1.signBatch(new DeviceId(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")), 1,
                READINGS);
        assertThat(HEX.formatHex(u.signed().signedBytes())).isEqualTo(
                "1573616c75733a6465766963652d62617463683a763100112233445566778899aabbccddeeff0000000000000001"
                        + "0000000069a3f908000000000000000069a3f9260000000000000002"
                        + "b59bca286805a20b4fd37eb2c9f368ca2a2ae46615471dd04f7a29ab8f49eca9"
                        + "211549314b79afdb253709468c37b14c71c4df4de64d8d83eed6a205129e0126");
        assertThat(u.signed().signature().hex()).isEqualTo("2b6a7e803c75ee98097980798770f2c322737f04a484881c210e1f85"
                + "a697228465c037db7d939a1b0b1173de333afbc718bdf93b324b191745829c7234206309");
    }
}
