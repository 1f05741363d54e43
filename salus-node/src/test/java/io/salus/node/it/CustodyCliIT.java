package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.node.cli.SalusCli;
import io.salus.testkit.Bundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device side of self-custody on the command line: keys generated locally into a passphrase-encrypted file, the
 * node given the public keys only, a consent shown in words and signed locally, one's own record decrypted locally.
 */
class CustodyCliIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSelfCustodyPatientSignsUpGrantsReadsAndRevokesWithKeysThatNeverLeaveTheDevice(@TempDir Path dir)
            throws Exception {
        Api api = new Api(TestNodes.shared());
        Path keyFile = dir.resolve("wallet.keys");
        String[] key = {"--key-file", keyFile.toString(), "--passphrase", "correct horse battery staple"};
        Run signUp = run(() -> SalusCli.run(join(List.of("custody", "sign-up", "--name", "CLI wallet", "--url",
                api.url, "--token", api.operatorToken), key)));
        assertThat(signUp.code()).isZero();
        JsonNode opened = JSON.readTree(signUp.out());
        Api.Acct patient = new Api.Acct(opened.path("id").asText(), opened.path("apiToken").asText(),
                opened.path("address").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).contains(patient.address());
        assertThat(SalusCli.run(join(List.of("custody", "sign-up", "--name", "Again", "--url", api.url, "--token",
                api.operatorToken), key))).as("a key file is never overwritten").isNotZero();

        String[] auth = {"--url", api.url, "--token", patient.token()};
        Run holdings = run(() -> SalusCli.run(join(List.of("custody", "holdings"), auth)));
        assertThat(JSON.readTree(holdings.out()).path("nodeHoldsSigningPrivateKey").asBoolean(true)).isFalse();

        api.deposit(patient, patient, Bundles.patientWithObservations("cli-wallet", 1), null).then().statusCode(201);
        List<Map<String, Object>> records = api.records(patient);
        String recordId = (String) records.getFirst().get("id");
        given().baseUri(api.url).auth().oauth2(patient.token()).get("/records/" + recordId).then().statusCode(409)
                .body("code", equalTo("SALUS-2103"));
        Run read = run(() -> SalusCli.run(join(List.of("custody", "read", "--record", recordId), auth, key)));
        assertThat(read.code()).isZero();
        assertThat(JSON.readTree(read.out()).path("resourceType").asText()).isNotEmpty();
        assertThat(SalusCli.run(join(List.of("custody", "read", "--record", recordId, "--key-file", keyFile.toString(),
                "--passphrase", "wrong"), auth))).as("a wrong passphrase opens nothing").isNotZero();

        Run grant = run(() -> SalusCli.run(join(List.of("custody", "grant", "--categories", "VITAL_SIGNS",
                "--consumer-types", "PUBLIC_HEALTH", "--purposes", "PUBHLTH", "--until",
                Instant.now().plus(7, ChronoUnit.DAYS).toString()), auth, key)));
        assertThat(grant.code()).isZero();
        assertThat(grant.out()).contains("You allow public health to use your vital signs for public health");
        long grantId = ((Number) api.get(patient, "/patients/" + patient.id() + "/consents")
                .path("grants[0].grantId")).longValue();
        assertThat(SalusCli.run(join(List.of("custody", "revoke", "--grant", Long.toString(grantId)), auth, key)))
                .isZero();
        Integer revokedAt = api.get(patient, "/patients/" + patient.id() + "/consents").path(
                "grants[0].revokedAtBlock");
        assertThat(revokedAt).isNotNull();
    }

    @Test
    void anAgentPatientTakesCustodyFromTheCommandLine_andThenSignsAndReadsWithTheNewKeyFile(@TempDir Path dir)
            throws Exception {
        Api api = new Api(TestNodes.shared());
        Api.Acct patient = api.open("PATIENT", "CLI custody taker");
        api.deposit(patient, patient, Bundles.patientWithObservations("cli-taker", 1), null).then().statusCode(201);
        String recordId = (String) api.records(patient).getFirst().get("id");
        String[] auth = {"--url", api.url, "--token", patient.token()};
        String[] key = {"--key-file", dir.resolve("taken.keys").toString(), "--passphrase", "taken passphrase"};
        Run take = run(() -> SalusCli.run(join(List.of("custody", "take"), auth, key)));
        assertThat(take.code()).isZero();
        JsonNode taken = JSON.readTree(take.out());
        assertThat(taken.path("custody").asText()).isEqualTo("self");
        assertThat(taken.path("rewrappedRecords").asInt()).isEqualTo(api.records(patient).size());
        assertThat(run(() -> SalusCli.run(join(List.of("custody", "read", "--record", recordId), auth, key))).out())
                .contains("\"resourceType\"");
        assertThat(SalusCli.run(join(List.of("custody", "grant", "--categories", "VITAL_SIGNS", "--consumer-types",
                "PUBLIC_HEALTH", "--purposes", "PUBHLTH", "--until", Instant.now().plus(3, ChronoUnit.DAYS)
                        .toString()),
                auth, key))).isZero();
        assertThat(SalusCli.run(join(List.of("custody", "take"), auth, new String[]{"--key-file",
                dir.resolve("again.keys").toString(), "--passphrase", "x"}))).as("only once").isNotZero();
    }

    record Run(int code, String out) {
    }

    private static synchronized Run run(IntSupplier command) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = command.getAsInt();
            return new Run(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static String[] join(List<String> first, String[]... rest) {
        String[] out = first.toArray(String[]::new);
        for (String[] r : rest) {
            int n = out.length;
            out = Arrays.copyOf(out, n + r.length);
            System.arraycopy(r, 0, out, n, r.length);
        }
        return out;
    }
}
