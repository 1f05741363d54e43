package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.deal.Deal;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.keys.KekRetirement;
import io.salus.core.merkle.Hash32;
import io.salus.core.monitoring.AlertId;
import io.salus.core.record.RecordId;
import io.salus.core.record.SealedRecord;
import io.salus.core.usecase.monitoring.AlertPayload;
import io.salus.crypto.KekStatus;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Keys;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retiring old KEK keys on a real node: after a rotation the node re-wraps in the background while it serves,
 * {@code keys retire-old} finishes the pass, counts, and deletes the old key only when nothing needs it; afterwards
 * every record, account key, node key and secret still opens.
 */
class KekRetirementIT {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final byte[] ALERT = "an alert's payload".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Map<String, String> NO_REWRAP = Map.of(Setting.KEK_REWRAP_AT_START.key(), "false");

    @TempDir
    Path dir;
    private Api.Acct patient;
    private List<Map<String, Object>> records;

    @Test
    void rotationThenRetirement_everyRecordAccountKeyAndSecretStillOpens_andTheOldKeyIsGoneFromTheFile()
            throws Exception {
        String dealId;
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            deposit(node, "retire");
            DealWorld world = new DealWorld(new Api(node), "kek retirement");
            int base = DealWorld.freshBase();
            world.cohort("kek", base, 2, 1_000_000L);
            dealId = world.postOk(DealWorld.deal(base, 10, Instant.now().plus(Duration.ofDays(7))));
            sealedElsewhere(node, Hash32.fromHex(dealId));
        }
        int oldKey = status().primaryKeyId();
        int primary = Keys.rotateKek(settings(), secret()).orElseThrow().primaryKeyId();

        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            for (Map<String, Object> r : records) {
                api.get(patient, "/records/" + r.get("id")).then().statusCode(200);
            }
            awaitNothingOld(node);
            assertThat(status().keyIds()).containsExactlyInAnyOrder(oldKey, primary);
        }

        KekRetirement.Retired retired = Keys.retireOld(settings(), secret(), 500, () -> false, QUIET).orElseThrow();

        assertThat(retired.keyIds()).containsExactly(primary);
        assertThat(status().keyIds()).containsExactly(primary);
        TinkKeyManager keys = openKek();
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            Api api = new Api(node);
            assertThat(node.kekRetirement().remaining().values()).allMatch(n -> n == 0);
            Account owner = node.accountStore().find(new AccountId(UUID.fromString(patient.id()))).orElseThrow();
            assertThat(node.accounts().exportKeys(owner).isOk()).isTrue();
            for (Map<String, Object> r : records) {
                String id = (String) r.get("id");
                api.get(patient, "/records/" + id).then().statusCode(200);
                api.get(patient, "/records/" + id + "/verification").then().statusCode(200).body("verified", is(true));
                var stored = node.recordStore().find(new RecordId(UUID.fromString(id))).orElseThrow();
                assertThat(node.records().openForRelease(stored).isOk()).isTrue();
            }
            try (Connection c = node.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s
                            .executeQuery("SELECT deal_id, sealed_secret FROM deal WHERE sealed_secret IS NOT NULL")) {
                int deals = 0;
                while (rs.next()) {
                    deals++;
                    assertThat(keys.openSecret(rs.getBytes(2), Deal.secretPurpose(Hash32.of(rs.getBytes(1)))).isOk())
                            .isTrue();
                }
                assertThat(deals).isEqualTo(1);
            }
            assertThat(dealId).isNotBlank();
            assertSealedElsewhereOpen(node, keys);
            assertThat(new Api(node).open("PATIENT", "after retirement").id()).isNotBlank();
        }
    }

    @Test
    void anInterruptedPass_keepsTheOldKey_andTheNextRunResumesAndFinishes_whileAWrongSecretRefuses()
            throws Exception {
        long stale;
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            deposit(node, "interrupted");
            Api.Acct selfCustody = new Api(node).open("PATIENT", "keys held elsewhere");
            sql(node, "UPDATE account SET sealed_signing_key = '\\x'::bytea, sealed_encryption_key = '\\x'::bytea "
                    + "WHERE id = '" + selfCustody.id() + "'");
        }
        int primary = Keys.rotateKek(settings(), secret()).orElseThrow().primaryKeyId();
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            stale = node.kekRetirement().remaining().values().stream().mapToLong(Long::longValue).sum();
        }
        byte[] file = Files.readAllBytes(kekFile());

        Result<KekRetirement.Retired> wrong = Keys.retireOld(settings(), "not the secret".toCharArray(), 2,
                () -> false, QUIET);
        assertThat(wrong.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(Files.readAllBytes(kekFile())).isEqualTo(file);

        AtomicInteger steps = new AtomicInteger();
        Result<KekRetirement.Retired> stopped = Keys.retireOld(settings(), secret(), 2,
                () -> steps.incrementAndGet() > 3, QUIET);
        assertThat(stopped.failure().code()).isEqualTo(ErrorCode.KEK_RETIREMENT_STOPPED);
        assertThat(status().keyIds()).hasSize(2);
        long afterStop;
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            afterStop = node.kekRetirement().remaining().values().stream().mapToLong(Long::longValue).sum();
        }

        KekRetirement.Retired finished = Keys.retireOld(settings(), secret(), 2, () -> false, QUIET).orElseThrow();

        assertThat(afterStop).isLessThan(stale).isPositive();
        assertThat(finished.pass().rewrapped()).isEqualTo(afterStop);
        assertThat(status().keyIds()).containsExactly(primary);
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            Api api = new Api(node);
            for (Map<String, Object> r : records) {
                api.get(patient, "/records/" + r.get("id") + "/verification").then().statusCode(200)
                        .body("verified", is(true));
            }
        }
    }

    @Test
    void aValueBackUnderTheOldKeyAfterTheWalkPassedIt_isFoundByTheCount_andRewrappedBeforeTheKeyGoes()
            throws Exception {
        byte[] oldSalt;
        String id;
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            deposit(node, "restored");
            id = (String) records.get(0).get("id");
            oldSalt = salt(node, id);
        }
        int primary = Keys.rotateKek(settings(), secret()).orElseThrow().primaryKeyId();
        try (Node node = TestNodes.start(dir)) {
            awaitNothingOld(node);
            // a row restored from a backup taken before the rotation, after the walk went past it
            try (Connection c = node.dataSource().getConnection();
                    PreparedStatement p = c.prepareStatement("UPDATE sealed_record SET salt = ? WHERE id = ?")) {
                p.setBytes(1, oldSalt);
                p.setObject(2, UUID.fromString(id));
                assertThat(p.executeUpdate()).isOne();
            }
            assertThat(node.kekRetirement().remaining()).containsEntry("record-salt", 1L);
        }

        KekRetirement.Retired retired = Keys.retireOld(settings(), secret(), 500, () -> false, QUIET).orElseThrow();

        assertThat(retired.pass().rewrapped()).isOne();
        assertThat(status().keyIds()).containsExactly(primary);
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            new Api(node).get(patient, "/records/" + id + "/verification").then().statusCode(200)
                    .body("verified", is(true));
        }
    }

    @Test
    void theOldKeyIsNotDeleted_whileAValueStillNeedsIt() throws Exception {
        try (Node node = TestNodes.start(dir, NO_REWRAP)) {
            deposit(node, "needed");
            // two records' node-wrapped keys swapped: each is bound to the other record, so neither can be re-wrapped
            sql(node,
                    """
                            WITH two AS (SELECT id, wrapped_key_node FROM sealed_record ORDER BY id LIMIT 2),
                                 swapped AS (SELECT a.id, b.wrapped_key_node FROM two a JOIN two b ON a.id <> b.id)
                            UPDATE sealed_record r SET wrapped_key_node = s.wrapped_key_node FROM swapped s WHERE r.id = s.id""");
        }
        int oldKey = status().primaryKeyId();
        Keys.rotateKek(settings(), secret()).orElseThrow();

        Result<KekRetirement.Retired> refused = Keys.retireOld(settings(), secret(), 500, () -> false, QUIET);

        assertThat(refused.failure().code()).isEqualTo(ErrorCode.KEK_KEY_STILL_NEEDED);
        assertThat(refused.failure().detail()).contains("record-key=2");
        assertThat(status().keyIds()).contains(oldKey).hasSize(2);
    }

    private UUID alert;

    /**
     * Values the test node did not make on its own path here, sealed as the node seals them: a sealed alert (its data
     * key under the KEK), a pending recovery's new key, a staged package's content key.
     */
    private void sealedElsewhere(Node node, Hash32 dealId) throws SQLException {
        TinkKeyManager keys = TestNodes.keys(node);
        AccountId owner = new AccountId(UUID.fromString(patient.id()));
        Account account = node.accountStore().find(owner).orElseThrow();
        alert = UUID.randomUUID();
        SealedRecord sealed = keys.seal(ALERT, AlertPayload.associatedData(new AlertId(alert), owner),
                account.encryptionPublicKey());
        try (Connection c = node.dataSource().getConnection()) {
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO monitoring_alert (id, patient, severity, data_at, raised_at, ciphertext,
                        wrapped_key_node, wrapped_key_patient, step_millis, status, next_due, acknowledged_by,
                        acknowledged_at)
                    VALUES (?, ?, 'WARNING', now(), now(), ?, ?, ?, 1000, 'ACKNOWLEDGED', now(), 'test', now())""")) {
                p.setObject(1, alert);
                p.setObject(2, owner.value());
                p.setBytes(3, sealed.ciphertext());
                p.setBytes(4, sealed.wrappedKeyForNode());
                p.setBytes(5, sealed.wrappedKeyForPatient());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO recovery_request (id, patient, chain_request_id, epoch, new_public_key, new_sealed_key,
                        claim_hash, open_tx, opened_at, completed_at)
                    VALUES (?, ?, 1, 1, ?, ?, ?, '0x00', now(), now())""")) {
                p.setObject(1, UUID.randomUUID());
                p.setObject(2, owner.value());
                p.setBytes(3, new byte[32]);
                p.setBytes(4, keys.newAccountKeys().sealedEncryptionPrivateKey());
                p.setBytes(5, new byte[32]);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO deal_package (deal_id, plaintext_keccak, ciphertext_sha256, bytes, patients,
                        sealed_content_key, wrapped_key, staged_at)
                    VALUES (?, ?, ?, 1, 1, ?, ?, now())""")) {
                p.setBytes(1, dealId.bytes());
                p.setBytes(2, new byte[32]);
                p.setBytes(3, new byte[32]);
                p.setBytes(4, keys.sealSecret(ALERT, StagedPackage.contentKeyPurpose(dealId)));
                p.setBytes(5, new byte[1]);
                p.executeUpdate();
            }
        }
    }

    private void assertSealedElsewhereOpen(Node node, TinkKeyManager keys) throws SQLException {
        AccountId owner = new AccountId(UUID.fromString(patient.id()));
        try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT ciphertext, wrapped_key_node, wrapped_key_patient "
                    + "FROM monitoring_alert WHERE id = '" + alert + "'")) {
                assertThat(rs.next()).isTrue();
                SealedRecord sealed = new SealedRecord(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3));
                assertThat(keys.open(sealed, AlertPayload.associatedData(new AlertId(alert), owner)).orElseThrow())
                        .isEqualTo(ALERT);
            }
            try (ResultSet rs = s.executeQuery("SELECT new_sealed_key FROM recovery_request")) {
                assertThat(rs.next()).isTrue();
                assertThat(keys.unsealEncryptionKey(rs.getBytes(1)).isOk()).isTrue();
            }
            try (ResultSet rs = s.executeQuery("SELECT deal_id, sealed_content_key FROM deal_package")) {
                assertThat(rs.next()).isTrue();
                assertThat(keys.openSecret(rs.getBytes(2), StagedPackage.contentKeyPurpose(Hash32.of(rs.getBytes(1))))
                        .orElseThrow()).isEqualTo(ALERT);
            }
        }
    }

    private void deposit(Node node, String tag) throws InterruptedException {
        Api api = new Api(node);
        patient = api.open("PATIENT", "KEK " + tag);
        api.deposit(patient, patient, Bundles.patientWithObservations(tag, 4), null).then().statusCode(201);
        records = api.awaitAnchored(patient, 5, Duration.ofSeconds(60));
    }

    private static void awaitNothingOld(Node node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (node.kekRetirement().remaining().values().stream().anyMatch(n -> n > 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still under the old key: " + node.kekRetirement().remaining());
            }
            Thread.sleep(100);
        }
    }

    private static byte[] salt(Node node, String record) throws SQLException {
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT salt FROM sealed_record WHERE id = ?")) {
            p.setObject(1, UUID.fromString(record));
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static void sql(Node node, String statement) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(statement)).isPositive();
        }
    }

    private NodeSettings settings() {
        return NodeSettings.resolve(Map.of(), TestNodes.settings(dir));
    }

    private static char[] secret() {
        return TestNodes.SECRET.toCharArray();
    }

    private Path kekFile() {
        return dir.resolve("keys").resolve("kek.json");
    }

    private KekStatus status() {
        return openKek().kekStatus();
    }

    private TinkKeyManager openKek() {
        return new TinkKekStore(kekFile(), new SecureRandom()).open(secret()).orElseThrow();
    }
}
