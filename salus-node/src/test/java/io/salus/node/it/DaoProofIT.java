package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AttributeGateLedger;
import io.salus.node.cli.SalusCli;
import io.salus.node.wiring.Node;
import io.salus.zk.AttributeKind;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.PatientSecret;
import io.salus.zk.SignedAttribute;
import io.salus.zk.ZkFiles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof DAOs end to end through the API and the CLI: the operator opens a gate scope and registers a provider's
 * BabyJubJub key (idempotently; nobody else may), founds a DAO on the scope; the patient proves on its own side with
 * {@code ./salus dao prove} from the attribute the provider signed, and the node receives only the proof.
 */
class DaoProofIT {
    static final AttributeKind HBA1C = AttributeKind.observation("http://loinc.org", "4548-4");
    static final SecureRandom RANDOM = new SecureRandom();
    static final Node node = TestNodes.shared();
    static final Api api = new Api(node);

    static Response post(String token, String path, Object body) {
        return given().baseUri(api.url).auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
    }

    static Map<String, Object> scope(String label, String lo) {
        return Map.of("label", label, "kind", HBA1C.name(), "lo", lo, "maxAgeSeconds", 365L * 86_400);
    }

    static Map<String, Object> key(Api.Acct provider, PrivateKey k) {
        return Map.of("provider", provider.address(), "ax", k.publicKey().x().toString(), "ay",
                k.publicKey().y().toString());
    }

    /** Opens an HbA1c >= 6.5 % scope, registers a hospital's key and founds a proof DAO on it: the DAO's id. */
    static String proofDao(PrivateKey hospitalKey) {
        Api.Acct hospital = api.open("HOSPITAL", "Proof DAO hospital");
        post(api.operatorToken, "/zk/provider-keys", key(hospital, hospitalKey)).then().statusCode(201);
        String scope = post(api.operatorToken, "/zk/scopes", scope("hba1c-" + UUID.randomUUID(), "65")).then()
                .statusCode(201).extract().path("scope");
        Map<String, Object> charter = new HashMap<>(DaoIT.charter("HbA1c proof DAO " + scope.substring(0, 8)));
        charter.put("scope", scope);
        return post(api.operatorToken, "/daos", charter).then().statusCode(201).body("admission", equalTo("proof"))
                .extract().path("daoId");
    }

    static int members(String token, String daoId) {
        return given().baseUri(api.url).auth().oauth2(token).get("/daos/" + daoId).then().statusCode(200).extract()
                .path("members");
    }

    @Test
    void patientProvesOnItsOwnSide_theNodeReceivesOnlyTheProof_andOnePersonJoinsOnce(@TempDir Path dir)
            throws Exception {
        PrivateKey hospitalKey = PrivateKey.generate(RANDOM);
        String daoId = proofDao(hospitalKey);
        Api.Acct patient = api.open("PATIENT", "CLI prover");
        Api.Acct other = api.open("PATIENT", "CLI prover's second account");
        Path secretFile = dir.resolve("zk-secret.json");
        assertThat(SalusCli.run(new String[]{"dao", "secret", "--out", secretFile.toString()})).isZero();
        assertThat(Files.getPosixFilePermissions(secretFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(SalusCli.run(new String[]{"dao", "secret", "--out", secretFile.toString()})).as("never "
                + "overwritten").isNotZero();
        PatientSecret secret = ZkFiles.parseSecret(Files.readString(secretFile)).orElseThrow();

        long issued = Instant.now().getEpochSecond() - 3_600;
        Path hba1c = write(dir, "hba1c.json", SignedAttribute.issue(hospitalKey, secret.identity(), HBA1C,
                BigInteger.valueOf(72), issued));
        Path low = write(dir, "low.json", SignedAttribute.issue(hospitalKey, secret.identity(), HBA1C,
                BigInteger.valueOf(60), issued));
        Path someoneElses = write(dir, "someone-elses.json", SignedAttribute.issue(hospitalKey,
                PatientSecret.generate(RANDOM).identity(), HBA1C, BigInteger.valueOf(80), issued));

        assertThat(prove(patient, daoId, low, secretFile)).as("6.0 % is below the DAO's 6.5 %").isNotZero();
        assertThat(prove(patient, daoId, someoneElses, secretFile)).as("signed over another patient's identity")
                .isNotZero();
        assertThat(members(patient.token(), daoId)).isZero();

        Path proofFile = dir.resolve("proof.json");
        assertThat(prove(patient, daoId, hba1c, secretFile, "--out", proofFile.toString())).isZero();
        JsonNode sent = new ObjectMapper().readTree(proofFile.toFile());
        List<String> fields = new ArrayList<>();
        sent.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("proof", "signals");
        List<String> numbers = new ArrayList<>();
        sent.path("proof").forEach(n -> numbers.add(n.asText()));
        sent.path("signals").forEach(n -> numbers.add(n.asText()));
        assertThat(numbers).hasSize(17).doesNotContain(secret.value().toString(), secret.identity().toString(), "72",
                Long.toString(issued));
        assertThat(SalusCli.run(new String[]{"dao", "join-proof", "--url", api.url, "--token", patient.token(),
                "--dao", daoId, "--proof", proofFile.toString()})).isZero();
        assertThat(members(patient.token(), daoId)).isEqualTo(1);

        assertThat(prove(other, daoId, hba1c, secretFile)).as("the same person for a second address").isNotZero();
        assertThat(SalusCli.run(new String[]{"dao", "join-proof", "--url", api.url, "--token", other.token(),
                "--dao", daoId, "--proof", proofFile.toString()})).as("a replayed proof").isNotZero();
        assertThat(members(patient.token(), daoId)).isEqualTo(1);
    }

    @Test
    void nonOperators_cannotOpenScopesOrRegisterProviderKeys_andTheChainIsUnchanged() {
        AttributeGateLedger gate = node.attributeGate().orElseThrow();
        PrivateKey k = PrivateKey.generate(RANDOM);
        String label = "attack-" + UUID.randomUUID();
        Api.Acct hospital = api.open("HOSPITAL", "Self-registering hospital");
        for (String kind : List.of("PATIENT", "CONSUMER", "HOSPITAL", "PHYSICIAN", "AUDITOR", "ISSUER")) {
            Api.Acct caller = kind.equals("HOSPITAL") ? hospital : api.open(kind, "Gate attacker " + kind);
            post(caller.token(), "/zk/scopes", scope(label, "0")).then().statusCode(403);
            post(caller.token(), "/zk/provider-keys", key(hospital, k)).then().statusCode(403);
        }
        given().baseUri(api.url).contentType(ContentType.JSON).body(scope(label, "0")).post("/zk/scopes").then()
                .statusCode(401);
        BigInteger wouldBe = gate.scopeId(Hashing.keccak256(label.getBytes(StandardCharsets.UTF_8)));
        assertThat(gate.policy(wouldBe).isOk()).as("no scope was opened").isFalse();
        assertThat(gate.providerKeyActive(k.publicKey().x(), k.publicKey().y())).as("no key was registered")
                .isFalse();
        given().baseUri(api.url).auth().oauth2(hospital.token()).get("/zk/scopes/" + wouldBe).then().statusCode(404)
                .body("code", equalTo("SALUS-2009"));
    }

    @Test
    void repeatedOpeningsAndRegistrations_areIdempotent_andConflictingOnesAreRefused() {
        String label = "repeat-" + UUID.randomUUID();
        String scope = post(api.operatorToken, "/zk/scopes", scope(label, "65")).then().statusCode(201).extract()
                .path("scope");
        post(api.operatorToken, "/zk/scopes", scope(label, "65")).then().statusCode(200)
                .body("scope", equalTo(scope)).body("lo", equalTo("65"));
        post(api.operatorToken, "/zk/scopes", scope(label, "50")).then().statusCode(409)
                .body("code", equalTo("SALUS-2220"));
        given().baseUri(api.url).auth().oauth2(api.open("PATIENT", "Scope reader").token()).get("/zk/scopes/" + scope)
                .then().statusCode(200).body("lo", equalTo("65"))
                .body("kind", equalTo(HBA1C.element().toString()));

        PrivateKey k = PrivateKey.generate(RANDOM);
        Api.Acct first = api.open("HOSPITAL", "Key holder");
        Api.Acct second = api.open("HOSPITAL", "Key thief");
        post(api.operatorToken, "/zk/provider-keys", key(first, k)).then().statusCode(201);
        post(api.operatorToken, "/zk/provider-keys", key(first, k)).then().statusCode(200)
                .body("active", equalTo(true));
        post(api.operatorToken, "/zk/provider-keys", key(second, k)).then().statusCode(409)
                .body("code", equalTo("SALUS-2222"));
        assertThat(node.attributeGate().orElseThrow().providerOfKey(k.publicKey().x(), k.publicKey().y()))
                .hasValueSatisfying(a -> assertThat(a.hex()).isEqualTo(first.address().toLowerCase()));
    }

    private static Path write(Path dir, String name, SignedAttribute a) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, ZkFiles.attribute(HBA1C, a));
        return f;
    }

    private static int prove(Api.Acct patient, String daoId, Path attribute, Path secret, String... more) {
        List<String> args = new ArrayList<>(List.of("dao", "prove", "--url", api.url, "--token", patient.token(),
                "--dao", daoId, "--attribute", attribute.toString(), "--secret", secret.toString()));
        args.addAll(List.of(more));
        return SalusCli.run(args.toArray(String[]::new));
    }
}
