package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.custody.EvmIdentityRotation;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.recovery.RecoveryPayloads;
import io.salus.core.recovery.RecoveryService;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.TinkRecoveryKeys;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guardian recovery of device-held keys (docs/custody.md), with every device step done by the command line's device
 * wallet: a self-custodied patient names two self-custodied guardians and one whose keys the node holds (k = 2); the
 * shares are sealed on the patient's device, re-sealed on the guardians' devices, combined on the new device, which
 * signs the old identity's rotation to itself and re-wraps the data keys. The node never holds a key that opens k
 * shares, nor any private key of the patient, before or after.
 */
class DeviceRecoveryIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    static final String PASS = "correct horse battery staple";
    final Node node = TestNodes.shared();
    final Api api = new Api(node);

    record Device(Api.Acct acct, Path keyFile) {
        String[] key() {
            return new String[]{"--key-file", keyFile.toString(), "--passphrase", PASS};
        }
    }

    record Setup(Device patient, Device g1, Device g2, Api.Acct agentGuardian, String recordId) {
    }

    @Test
    void aSelfCustodyPatientRecoversOnANewDevice_withGuardiansDevices_andTheNodeNeverHoldsTheirKey(@TempDir Path dir)
            throws Exception {
        Setup s = setup(dir, "recovered");
        CliRun.Run fresh = CliRun.run(List.of("custody", "recovery", "new-keys"), key(dir.resolve(
                "new.keys")));
        JsonNode newKeys = JSON.readTree(fresh.out());
        String newAddress = newKeys.path("newAddress").asText();
        Response opened = open(s.g1().acct(), s.patient().acct(), newKeys);
        opened.then().statusCode(201);
        String rid = opened.path("recoveryId");
        String claim = opened.path("claimToken");

        assertThat(approve(s.g1(), rid)).isZero();
        assertThat(given().baseUri(api.url).contentType(ContentType.JSON).body(Map.of("claimToken", claim))
                .post("/recoveries/" + rid + "/device-completion/prepare").then().statusCode(409).extract()
                .<String>path("code")).as("one approval of two: refused").isEqualTo("SALUS-0725");
        assertThat(complete(dir, rid, claim).code()).as("the new device cannot finish with one share").isNotZero();

        given().baseUri(api.url).auth().oauth2(s.agentGuardian().token()).post("/recoveries/" + rid + "/approvals")
                .then().statusCode(200).body("approvalsOnChain", equalTo(2));
        assertThat(sharesTheNodeCanOpen(s, rid)).as("the node opens only the share of the guardian whose key it "
                + "holds: fewer than k").hasSize(1);

        CliRun.Run done = completeOnceWaited(dir, rid, claim);
        assertThat(done.code()).as(done.out()).isZero();
        JsonNode completed = JSON.readTree(done.out());
        assertThat(completed.path("address").asText()).isEqualTo(newAddress);
        String newToken = completed.path("apiToken").asText();

        assertThat(row("SELECT address, custody, sealed_signing_key IS NULL AND sealed_encryption_key IS NULL "
                + "FROM account WHERE id = ?", s.patient().acct().id())).containsExactly(newAddress, "SELF", "t");
        assertThat(row("SELECT new_sealed_key IS NULL, completed_at IS NOT NULL FROM recovery_request WHERE id = ?",
                rid)).containsExactly("t", "t");
        given().baseUri(api.url).auth().oauth2(s.patient().acct().token()).get("/accounts/me").then()
                .statusCode(401);
        CliRun.Run read = CliRun.run(List.of("custody", "read", "--record", s.recordId(), "--url", api.url,
                "--token", newToken), key(dir.resolve("new.keys")));
        assertThat(read.code()).as("the new device opens the record re-wrapped to it").isZero();
        assertThat(JSON.readTree(read.out()).path("resourceType").asText()).isNotEmpty();
        assertThat(CliRun.run(List.of("custody", "read", "--record", s.recordId(), "--url", api.url,
                "--token", newToken), s.patient().key()).code()).as("the old key no longer opens it").isNotZero();

        EvmIdentityRotation rotation = EvmIdentityRotation.on(node.ledger());
        EvmAddress old = new EvmAddress(s.patient().acct().address());
        for (int i = 0; i < 300 && rotation.rotatedTo(old).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(rotation.rotatedTo(old)).as("the old identity is rotated to the new device on chain")
                .contains(new EvmAddress(newAddress));
    }

    @Test
    void anApprovalSignedWithAKeyThatIsNotTheGuardians_isRefusedByTheNodeAndByTheContract(@TempDir Path dir)
            throws Exception {
        Setup s = setup(dir, "forged-approval");
        DeviceKeys other = DeviceKeys.generate(new SecureRandom());
        Response opened = open(s.g1().acct(), s.patient().acct(), JSON.readTree("{\"newAddress\":\"" + other.address()
                .hex() + "\",\"newEncryptionPublicKey\":\"" + HEX.formatHex(other.encryptionPublicKey()) + "\"}"));
        String rid = opened.path("recoveryId");
        JsonNode p = JSON.readTree(given().baseUri(api.url).auth().oauth2(s.g2().acct().token())
                .post("/recoveries/" + rid + "/device-approvals/prepare").then().statusCode(200).extract().asString());
        byte[] forged = SelfCustodyPatients.sign(other, Hash32.fromHex(p.path("digest").asText()));
        given().baseUri(api.url).auth().oauth2(s.g2().acct().token()).contentType(ContentType.JSON).body(Map.of(
                "nonce", p.path("nonce").asLong(), "deadline", p.path("deadline").asText(), "signature", HEX
                        .formatHex(forged),
                "resealed", HEX.formatHex(new byte[80])))
                .post("/recoveries/" + rid + "/device-approvals").then().statusCode(403)
                .body("code", equalTo("SALUS-2111"));
        var signed = new Signed<>(new RecoveryPayloads.Approve(p.path("requestId").asLong(), new EvmAddress(p.path(
                "guardian").asText()), Hash32.fromHex(p.path("newKeyHash").asText())), new EvmAddress(p.path(
                        "guardian").asText()),
                p.path("nonce").asLong(), Instant.parse(p.path("deadline").asText()),
                forged);
        assertThat(node.recoveryLedger().approve(signed)).as("the contract refuses it too").isInstanceOf(
                Result.Err.class);
        assertThat(node.recoveryLedger().request(p.path("requestId").asLong()).approvals()).isZero();

        given().baseUri(api.url).auth().oauth2(s.patient().acct().token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(s.agentGuardian().id(), api.open("PATIENT", "Agent two").id(), s
                        .g1().acct().id()), "threshold", 2))
                .post("/patients/" + s.patient().acct().id() + "/guardians/device-plan").then().statusCode(422)
                .body("code", equalTo("SALUS-2110"));
        given().baseUri(api.url).auth().oauth2(s.g1().acct().token()).post("/patients/" + s.patient().acct().id()
                + "/recoveries").then().statusCode(409).body("code", equalTo("SALUS-2112"));
    }

    @Test
    void thePatientCancelsWithTheirDeviceKey_withinTheTimeLock_andTheNewDeviceCannotComplete(@TempDir Path dir)
            throws Exception {
        Setup s = setup(dir, "cancelled");
        JsonNode newKeys = JSON.readTree(CliRun.run(List.of("custody", "recovery", "new-keys"), key(
                dir.resolve("new.keys"))).out());
        Response opened = open(s.g2().acct(), s.patient().acct(), newKeys);
        String rid = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        assertThat(approve(s.g1(), rid)).isZero();
        assertThat(approve(s.g2(), rid)).isZero();
        assertThat(CliRun.run(List.of("custody", "recovery", "cancel", "--recovery", rid, "--url",
                api.url), s.patient().key()).code()).as("cancelled with the device key, no token").isZero();
        Thread.sleep(TestNodes.RECOVERY_WAIT_SECONDS * 1000L + 500);
        given().baseUri(api.url).contentType(ContentType.JSON).body(Map.of("claimToken", claim))
                .post("/recoveries/" + rid + "/device-completion/prepare").then().statusCode(409)
                .body("code", equalTo("SALUS-1355"));
        assertThat(complete(dir, rid, claim).code()).isNotZero();
        assertThat(row("SELECT address FROM account WHERE id = ?", s.patient().acct().id())).containsExactly(s
                .patient().acct().address());
    }

    private Setup setup(Path dir, String name) throws Exception {
        Device patient = signUp(dir, name + "-patient");
        Device g1 = signUp(dir, name + "-g1");
        Device g2 = signUp(dir, name + "-g2");
        Api.Acct agent = api.open("CAREGIVER", name + " agent guardian");
        api.deposit(patient.acct(), patient.acct(), Bundles.patientWithObservations(name, 1), null).then()
                .statusCode(201);
        String recordId = (String) api.records(patient.acct()).getFirst().get("id");
        CliRun.Run named = CliRun.run(List.of("custody", "recovery", "guardians", "--guardian", g1.acct()
                .id(), "--guardian", g2.acct().id(), "--guardian", agent.id(), "--threshold", "2", "--url", api.url,
                "--token", patient.acct().token()), patient.key());
        assertThat(named.code()).as(named.out()).isZero();
        assertThat(JSON.readTree(named.out()).path("guardians")).hasSize(3);
        return new Setup(patient, g1, g2, agent, recordId);
    }

    private Device signUp(Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".keys");
        CliRun.Run r = CliRun.run(List.of("custody", "sign-up", "--name", name, "--url", api.url,
                "--token", api.operatorToken), key(file));
        assertThat(r.code()).isZero();
        JsonNode o = JSON.readTree(r.out());
        return new Device(new Api.Acct(o.path("id").asText(), o.path("apiToken").asText(), o.path("address")
                .asText()), file);
    }

    private Response open(Api.Acct opener, Api.Acct patient, JsonNode newKeys) {
        return given().baseUri(api.url).auth().oauth2(opener.token()).contentType(ContentType.JSON).body(Map.of(
                "newAddress", newKeys.path("newAddress").asText(), "newEncryptionPublicKey", newKeys.path(
                        "newEncryptionPublicKey").asText()))
                .post("/patients/" + patient.id() + "/device-recoveries");
    }

    private int approve(Device guardian, String rid) {
        return CliRun.run(List.of("custody", "recovery", "approve", "--recovery", rid, "--url",
                api.url, "--token", guardian.acct().token()), guardian.key()).code();
    }

    private CliRun.Run complete(Path dir, String rid, String claim) {
        return CliRun.run(List.of("custody", "recovery", "complete", "--recovery", rid, "--claim",
                claim, "--url", api.url), key(dir.resolve("new.keys")));
    }

    private CliRun.Run completeOnceWaited(Path dir, String rid, String claim) throws InterruptedException {
        CliRun.Run r = complete(dir, rid, claim);
        for (int i = 0; i < 60 && r.code() != 0; i++) {
            Thread.sleep(500);
            r = complete(dir, rid, claim);
        }
        return r;
    }

    /** The shares (by x) that any X25519 key the node holds opens: every account's and every recovery's. */
    private Set<Integer> sharesTheNodeCanOpen(Setup s, String rid) throws Exception {
        TinkKeyManager kek = new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"),
                new SecureRandom()).open(TestNodes.SECRET.toCharArray()).orElseThrow();
        TinkRecoveryKeys keys = TinkRecoveryKeys.of(kek);
        List<byte[]> nodeKeys = new ArrayList<>();
        nodeKeys.addAll(column("SELECT sealed_encryption_key FROM account WHERE sealed_encryption_key IS NOT NULL"));
        nodeKeys.addAll(column("SELECT new_sealed_key FROM recovery_request WHERE new_sealed_key IS NOT NULL"));
        AccountId patient = AccountId.parse(s.patient().acct().id()).orElseThrow();
        Set<Integer> opened = new HashSet<>();
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT guardian, x, sealed, false FROM recovery_share "
                        + "WHERE patient = ? UNION ALL SELECT guardian, x, resealed, true FROM recovery_approval "
                        + "WHERE recovery = ?")) {
            q.setObject(1, UUID.fromString(s.patient().acct().id()));
            q.setObject(2, UUID.fromString(rid));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int x = rs.getInt(2);
                    byte[] context = rs.getBoolean(4)
                            ? RecoveryService.approvalContext(UUID.fromString(rid), x)
                            : RecoveryService.shareContext(patient, new AccountId((UUID) rs.getObject(1)), x);
                    byte[] blob = rs.getBytes(3);
                    if (nodeKeys.stream().anyMatch(k -> keys.open(k, blob, context).isOk())) {
                        opened.add(x);
                    }
                }
            }
        }
        return opened;
    }

    private List<byte[]> column(String sql) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(sql);
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private List<String> row(String sql, String id) throws Exception {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    out.add(v instanceof Boolean b ? (b ? "t" : "f") : String.valueOf(v));
                }
                return out;
            }
        }
    }

    private static String[] key(Path file) {
        return new String[]{"--key-file", file.toString(), "--passphrase", PASS};
    }
}
