package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.error.Result;
import io.salus.crypto.PackageCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Compute jobs through the API for the tests: submitting, waiting for a state, and opening a result with the
 * consumer's exported key. The WebAssembly modules are hand-assembled (see {@code io.salus.compute.sandbox.Modules}),
 * here as base64; each imports salus.rows, salus.value and salus.emit and exports run.
 */
final class Jobs {
    /** Emits the mean of column 0 over its rows. */
    static final String MEAN = "AGFzbQEAAAABEgRgAABgAAF/YAJ/fwF8YAF8AAIpAwVzYWx1cwRyb3dzAAEFc2FsdXMFdmFsdWUAAgVzYWx1cwRlbW"
            + "l0AAMDAgEABwcBA3J1bgADCjUBMwICfwF8EAAhAQJAA0AgACABTg0BIAIgAEEAEAGgIQIgAEEBaiEADAALCyACIAG3oxACCw==";
    /** Emits column 0 row by row: the rows themselves. */
    static final String ROWS = "AGFzbQEAAAABEgRgAABgAAF/YAJ/fwF8YAF8AAIpAwVzYWx1cwRyb3dzAAEFc2FsdXMFdmFsdWUAAgVzYWx1cwRlbW"
            + "l0AAMDAgEABwcBA3J1bgADCigBJgECfxAAIQECQANAIAAgAU4NASAAQQAQARACIABBAWohAAwACwsL";
    /** loop br 0 end: never ends. */
    static final String SPIN = "AGFzbQEAAAABEgRgAABgAAF/YAJ/fwF8YAF8AAIpAwVzYWx1cwRyb3dzAAEFc2FsdXMFdmFsdWUAAgVzYWx1cwRlbW"
            + "l0AAMDAgEABwcBA3J1bgADCgkBBwADQAwACws=";
    /** Emits 1.0 in an endless loop. */
    static final String EMIT_FOREVER = "AGFzbQEAAAABEgRgAABgAAF/YAJ/fwF8YAF8AAIpAwVzYWx1cwRyb3dzAAEFc2FsdXMFdmFsdWUAAgVzYW"
            + "x1cwRlbWl0AAMDAgEABwcBA3J1bgADChQBEgADQEQAAAAAAADwPxACDAALCw==";
    /** Also imports env.now (a clock), which the sandbox does not grant. */
    static final String IMPORTS_CLOCK = "AGFzbQEAAAABEgRgAABgAAF/YAJ/fwF8YAF8AAIzBAVzYWx1cwRyb3dzAAEFc2FsdXMFdmFsdWUAAgVzY"
            + "Wx1cwRlbWl0AAMDZW52A25vdwABAwIBAAcHAQNydW4ABAoEAQIACw==";
    static final List<String> ENDED = List.of("RELEASED", "REJECTED", "FAILED", "TIMED_OUT");

    private Jobs() {
    }

    static Response submit(Api api, Api.Acct consumer, Map<String, Object> job) {
        return given().baseUri(api.url).auth().oauth2(consumer.token()).contentType(ContentType.JSON).body(job)
                .post("/jobs");
    }

    /** Submits and returns the job id; the job is APPROVED. */
    static String submitApproved(Api api, Api.Acct consumer, Map<String, Object> job) {
        Response r = submit(api, consumer, job);
        r.then().statusCode(201);
        assertThat((String) r.path("state")).as(r.asString()).isEqualTo("APPROVED");
        return r.path("jobId");
    }

    static Response get(Api api, Api.Acct who, String path) {
        return given().baseUri(api.url).auth().oauth2(who.token()).get(path);
    }

    /** Polls the job (at most two minutes) until it is in one of {@code states}; the last view. */
    static Response await(Api api, Api.Acct consumer, String jobId, List<String> states) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Response r = get(api, consumer, "/jobs/" + jobId);
            if (states.contains((String) r.path("state"))) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " never reached " + states);
    }

    /** Downloads and decrypts the result with the consumer's exported X25519 key. */
    static String openResult(Api api, Api.Acct consumer, String jobId, Path dir) throws Exception {
        return openPackage(api, consumer, "/jobs/" + jobId + "/result", jobId, dir);
    }

    /** Downloads the encrypted package at {@code path} and decrypts it with the consumer's exported X25519 key. */
    static String openPackage(Api api, Api.Acct consumer, String path, String jobId, Path dir) throws Exception {
        byte[] pkg = get(api, consumer, path).then().statusCode(200).extract().asByteArray();
        String keyHex = given().baseUri(api.url).auth().oauth2(consumer.token()).post("/accounts/me/key-export")
                .then().statusCode(200).extract().path("encryptionPrivateKey");
        Path in = Files.write(dir.resolve(jobId + ".salus"), pkg);
        Path out = dir.resolve(jobId + ".json");
        Result<Long> r = PackageCrypto.decrypt(in, out, HexFormat.of().parseHex(keyHex.startsWith("0x")
                ? keyHex.substring(2)
                : keyHex));
        assertThat(r.isOk()).as("decrypts").isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
