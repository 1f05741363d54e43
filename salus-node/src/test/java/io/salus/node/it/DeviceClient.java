package io.salus.node.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.crypto.device.Ed25519DeviceKey;
import io.salus.node.device.BatchJson;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A simulated device for the integration tests: its key, its registration through the API, batches it signs. */
final class DeviceClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    final Ed25519DeviceKey key;
    final DeviceId id;
    private final String url;

    private DeviceClient(Ed25519DeviceKey key, DeviceId id, String url) {
        this.key = key;
        this.id = id;
        this.url = url;
    }

    /** Registers a new key for the patient (as {@code by}: the patient or a linked provider). */
    static DeviceClient register(Api api, Api.Acct by, Api.Acct patient, String kind, List<String> codes) {
        Ed25519DeviceKey key = Ed25519DeviceKey.generate(RANDOM);
        String id = given().baseUri(api.url).auth().oauth2(by.token()).contentType(ContentType.JSON)
                .body(Map.of("publicKey", key.publicKey().hex(), "kind", kind, "codes", codes))
                .post("/patients/" + patient.id() + "/devices").then().statusCode(201).extract().path("id");
        return new DeviceClient(key, DeviceId.parse(id).orElseThrow(), api.url);
    }

    static DeviceClient pulseOximeter(Api api, Api.Acct patient) {
        return register(api, patient, patient, "PULSE_OXIMETER", List.of("8867-4", "59408-5"));
    }

    /** Heart-rate readings one minute apart ending at {@code end}, signed as batch {@code sequence}. */
    BatchUpload heartRates(long sequence, Instant end, int... bpm) {
        List<Reading> rs = new java.util.ArrayList<>();
        for (int i = 0; i < bpm.length; i++) {
            rs.add(Reading.of(VitalSign.HEART_RATE, Integer.toString(bpm[i]), "/min", end.minusSeconds(60L
                    * (bpm.length - 1 - i))));
        }
        return key.signBatch(id, sequence, rs);
    }

    Response post(BatchUpload u) {
        return post(id, u);
    }

    /** Posts a batch to the path of {@code device} (any device: attacks post to others' paths). */
    Response post(DeviceId device, BatchUpload u) {
        return given().baseUri(url).contentType(ContentType.JSON).body(BatchJson.bytes(u))
                .post("/devices/" + device + "/batches");
    }
}
