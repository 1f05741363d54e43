package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryPayloads;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.TinkRecoveryKeys;
import io.salus.node.wiring.Node;
import io.salus.store.PostgresRecoveryStore;
import io.salus.testkit.Bundles;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guardian key recovery end to end on the real engines: PostgreSQL, anvil with GuardianRecovery, the Tink KEK. */
class RecoveryIT {
    private static Node node;
    private static Api api;
    private static TinkKeyManager keys;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
        keys = new TinkKekStore(node.settings().dataDir().resolve("keys").resolve("kek.json"), new SecureRandom())
                .open(TestNodes.SECRET.toCharArray()).orElseThrow();
    }

    record Setup(Api.Acct patient, List<Api.Acct> guardians, Api.Acct outsider) {
    }

    private static Setup patientWithRecordsAndGuardians(String name) {
        Api.Acct patient = api.open("PATIENT", name);
        Api.Acct hospital = api.open("HOSPITAL", name + " hospital");
        api.link(patient, hospital);
        api.deposit(hospital, patient, Bundles.patientWithObservations("urn:rec|" + UUID.randomUUID(), 4), null)
                .then().statusCode(201);
        List<Api.Acct> guardians = List.of(api.open("CAREGIVER", name + " guardian 1"),
                api.open("PHYSICIAN", name + " guardian 2"), api.open("PATIENT", name + " guardian 3"));
        given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", guardians.stream().map(Api.Acct::id).toList(), "threshold", 2))
                .put("/patients/" + patient.id() + "/guardians").then().statusCode(200);
        return new Setup(patient, guardians, api.open("CAREGIVER", name + " outsider"));
    }

    private static Response openRecovery(Api.Acct patient) {
        return given().baseUri(api.url).post("/patients/" + patient.id() + "/recoveries");
    }

    private static Response approve(Api.Acct guardian, String recoveryId) {
        return given().baseUri(api.url).auth().oauth2(guardian.token())
                .post("/recoveries/" + recoveryId + "/approvals");
    }

    private static Response complete(String recoveryId, String claim) {
        return given().baseUri(api.url).contentType(ContentType.JSON).body(Map.of("claimToken", claim))
                .post("/recoveries/" + recoveryId + "/completion");
    }

    @Test
    void kMinusOneApprovals_areRefusedAndKApprovalsRotateTheKeyRewrapEveryDataKeyAndTheToken() {
        Setup s = patientWithRecordsAndGuardians("Recovered patient");
        AccountId patientId = AccountId.parse(s.patient().id()).orElseThrow();
        AccountStore accounts = node.accountStore();
        byte[] oldSealedKey = accounts.sealedKeys(patientId).orElseThrow().encryptionPrivateKey();
        List<RecordId> records = node.recordStore().listByPatient(patientId).stream().map(r -> r.id()).toList();
        assertThat(records).isNotEmpty();

        io.salus.node.web.PortalHttp portal = new io.salus.node.web.PortalHttp(api.url);
        assertThat(portal.signIn(s.patient().token()).statusCode()).isEqualTo(303);
        assertThat(portal.get("/portal/patient").statusCode()).isEqualTo(200);
        Response opened = openRecovery(s.patient());
        opened.then().statusCode(201);
        String recoveryId = opened.path("recoveryId");
        String claim = opened.path("claimToken");

        approve(s.guardians().get(0), recoveryId).then().statusCode(200);
        Response twice = approve(s.guardians().get(0), recoveryId);
        twice.then().statusCode(200);
        assertThat((Integer) twice.path("approvalsOnChain")).isEqualTo(1);
        Response early = complete(recoveryId, claim);
        early.then().statusCode(409);
        assertThat((String) early.path("code")).isEqualTo(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS.code());

        Response second = approve(s.guardians().get(1), recoveryId);
        second.then().statusCode(200);
        assertThat((Integer) second.path("approvalsOnChain")).isEqualTo(2);
        assertThat((String) second.path("status")).isEqualTo("EXECUTABLE");
        Response wrongClaim = complete(recoveryId, "recovery_" + "A".repeat(43));
        wrongClaim.then().statusCode(403);
        assertThat((String) wrongClaim.path("code")).isEqualTo(ErrorCode.RECOVERY_CLAIM_INVALID.code());

        Response done = complete(recoveryId, claim);
        done.then().statusCode(200);
        String newToken = done.path("apiToken");
        assertThat((Integer) done.path("rewrappedDataKeys")).isEqualTo(records.size());

        given().baseUri(api.url).auth().oauth2(s.patient().token()).get("/accounts/me").then().statusCode(401);
        given().baseUri(api.url).auth().oauth2(newToken).get("/accounts/me").then().statusCode(200);
        assertThat(portal.get("/portal/patient").headers().firstValue("Location")).as(
                "a portal session opened with the rotated token ends").hasValueSatisfying(
                        l -> assertThat(l)
                                .startsWith("/portal/sign-in"));
        for (RecordId id : records) {
            given().baseUri(api.url).auth().oauth2(newToken).get("/records/" + id).then().statusCode(200);
            StoredRecord r = node.recordStore().find(id).orElseThrow();
            byte[] aad = RecordBinding.associatedData(r.id(), r.patient(), r.category());
            Result<byte[]> withOldKey = keys.openAsPatient(r.sealed(), aad, oldSealedKey);
            assertThat(withOldKey.isOk()).as("the old key must not open a re-wrapped data key").isFalse();
            assertThat(withOldKey.failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        }

        Response repeat = complete(recoveryId, claim);
        repeat.then().statusCode(200);
        assertThat((String) repeat.path("apiToken")).isEqualTo(newToken);
        assertThat((Boolean) repeat.path("repeated")).isTrue();
        Response shown = given().baseUri(api.url).auth().oauth2(newToken).get("/recoveries/" + recoveryId);
        shown.then().statusCode(200);
        assertThat((String) shown.path("status")).isEqualTo("COMPLETED");
        assertThat((Boolean) shown.path("executedOnChain")).isTrue();
        approve(s.guardians().get(2), recoveryId).then().statusCode(409);
    }

    @Test
    void aGuardianCannotRecoverAlone_norApproveTwice_andANonGuardianIsRefusedByTheNodeAndOnChain() {
        Setup s = patientWithRecordsAndGuardians("Guarded patient");
        AccountId patientId = AccountId.parse(s.patient().id()).orElseThrow();
        Account patient = node.accounts().find(patientId).orElseThrow();
        Account guardian = node.accounts().find(AccountId.parse(s.guardians().get(0).id()).orElseThrow())
                .orElseThrow();
        Account outsider = node.accounts().find(AccountId.parse(s.outsider().id()).orElseThrow()).orElseThrow();

        // one guardian's share, opened with that guardian's own key, does not give the patient's key
        var store = new PostgresRecoveryStore(Jdbi.create(node.dataSource()));
        var share = store.share(patientId, guardian.id()).orElseThrow();
        TinkRecoveryKeys recoveryKeys = TinkRecoveryKeys.of(keys);
        byte[] plain = recoveryKeys.open(node.accountStore().sealedKeys(guardian.id()).orElseThrow()
                .encryptionPrivateKey(), share.sealed(),
                ("salus/recovery-share/1|" + patientId + "|" + guardian.id()
                        + "|" + share.x()).getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        ShamirShare alone = ShamirShare.decode(plain);
        assertThat(Shamir.combine(List.of(alone), 2).failure().code()).isEqualTo(ErrorCode.RECOVERY_INVALID_SHARES);
        byte[] guess = Shamir.combine(List.of(alone), 1).orElseThrow();
        assertThat(Arrays.equals(recoveryKeys.publicKey(guess), patient.encryptionPublicKey())).isFalse();

        Response opened = openRecovery(s.patient());
        String recoveryId = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        long chainId = ((Number) opened.path("chainRequestId")).longValue();

        Response byOutsider = approve(s.outsider(), recoveryId);
        byOutsider.then().statusCode(403);
        assertThat((String) byOutsider.path("code")).isEqualTo(ErrorCode.RECOVERY_NOT_A_GUARDIAN.code());

        approve(s.guardians().get(0), recoveryId).then().statusCode(200);
        RecoveryLedger ledger = node.recoveryLedger();
        var newKeyHash = ledger.request(chainId).newKeyHash();
        Result<?> onChainOutsider = ledger.approve(signed(ledger, outsider,
                new RecoveryPayloads.Approve(chainId, outsider.address(), newKeyHash)));
        assertThat(onChainOutsider.failure().code()).isEqualTo(ErrorCode.RECOVERY_NOT_A_GUARDIAN);
        Result<?> again = ledger.approve(signed(ledger, guardian,
                new RecoveryPayloads.Approve(chainId, guardian.address(), newKeyHash)));
        assertThat(again.failure().code()).isEqualTo(ErrorCode.RECOVERY_ALREADY_APPROVED);
        assertThat(ledger.request(chainId).approvals()).isEqualTo(1);
        assertThat(ledger.request(chainId).executable()).isFalse();

        Response alone2 = complete(recoveryId, claim);
        alone2.then().statusCode(409);
        assertThat((String) alone2.path("code")).isEqualTo(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS.code());
        given().baseUri(api.url).auth().oauth2(s.patient().token()).get("/accounts/me").then().statusCode(200);
    }

    @Test
    void invalidGuardianSets_andRecoveriesWithoutGuardians_areRefusedWithTheirCodes() {
        Api.Acct patient = api.open("PATIENT", "Unguarded patient");
        Api.Acct other = api.open("CAREGIVER", "Would-be guardian");
        Api.Acct consumer = api.open("CONSUMER", "Not a guardian kind");
        Response tooHigh = given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(other.id()), "threshold", 2))
                .put("/patients/" + patient.id() + "/guardians");
        tooHigh.then().statusCode(422);
        assertThat((String) tooHigh.path("code")).isEqualTo(ErrorCode.RECOVERY_INVALID_GUARDIANS.code());
        Response self = given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(other.id(), patient.id()), "threshold", 1))
                .put("/patients/" + patient.id() + "/guardians");
        assertThat((String) self.path("code")).isEqualTo(ErrorCode.RECOVERY_INVALID_GUARDIANS.code());
        Response kind = given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(consumer.id()), "threshold", 1))
                .put("/patients/" + patient.id() + "/guardians");
        assertThat((String) kind.path("code")).isEqualTo(ErrorCode.RECOVERY_INVALID_GUARDIANS.code());
        Response notThePatient = given().baseUri(api.url).auth().oauth2(other.token()).contentType(ContentType.JSON)
                .body(Map.of("guardians", List.of(consumer.id()), "threshold", 1))
                .put("/patients/" + patient.id() + "/guardians");
        notThePatient.then().statusCode(403);
        Response none = openRecovery(patient);
        none.then().statusCode(409);
        assertThat((String) none.path("code")).isEqualTo(ErrorCode.RECOVERY_NO_GUARDIANS.code());
        assertThat(io.salus.node.cli.SalusCli.run(new String[]{"recovery", "guardians", "--url", api.url, "--token",
                patient.token(), "--patient", patient.id(), "--guardians", other.id(), "--threshold", "1"}))
                .isZero();
        assertThat(io.salus.node.cli.SalusCli.run(new String[]{"recovery", "complete", "--url", api.url,
                "--recovery", UUID.randomUUID().toString(), "--claim", "recovery_nope"})).isNotZero();
    }

    @Test
    void aForgedShare_failsClosedWithItsOwnCodeAndChangesNothing() {
        Setup s = patientWithRecordsAndGuardians("Forged-share patient");
        Response opened = openRecovery(s.patient());
        String recoveryId = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        byte[] newPublicKey = java.util.HexFormat.of().parseHex((String) opened.path("newEncryptionPublicKey"));
        approve(s.guardians().get(0), recoveryId).then().statusCode(200);
        approve(s.guardians().get(1), recoveryId).then().statusCode(200);
        // a well-formed share, sealed to the new key in the right context, but not the guardian's
        Jdbi jdbi = Jdbi.create(node.dataSource());
        int x = jdbi
                .withHandle(h -> h.createQuery("SELECT x FROM recovery_approval WHERE recovery = :r AND guardian = :g")
                        .bind("r", UUID.fromString(recoveryId)).bind("g", UUID.fromString(s.guardians().get(1).id()))
                        .mapTo(Integer.class).one());
        byte[] forged = new byte[32];
        new SecureRandom().nextBytes(forged);
        byte[] sealed = TinkRecoveryKeys.of(keys).seal(newPublicKey, new ShamirShare(x, forged).encode(),
                ("salus/recovery-approval/1|" + recoveryId + "|" + x).getBytes(StandardCharsets.UTF_8));
        jdbi.useHandle(h -> h.createUpdate("UPDATE recovery_approval SET resealed = :s WHERE recovery = :r AND x = :x")
                .bind("s", sealed).bind("r", UUID.fromString(recoveryId)).bind("x", x).execute());

        Response refused = complete(recoveryId, claim);
        refused.then().statusCode(409);
        assertThat((String) refused.path("code")).isEqualTo(ErrorCode.RECOVERY_KEY_MISMATCH.code());
        given().baseUri(api.url).auth().oauth2(s.patient().token()).get("/accounts/me").then().statusCode(200);
        for (var r : node.recordStore().listByPatient(AccountId.parse(s.patient().id()).orElseThrow())) {
            given().baseUri(api.url).auth().oauth2(s.patient().token()).get("/records/" + r.id()).then()
                    .statusCode(200);
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE recovery_approval SET resealed = :s WHERE recovery = :r AND x = :x")
                .bind("s", new byte[]{1, 2, 3}).bind("r", UUID.fromString(recoveryId)).bind("x", x).execute());
        Response garbage = complete(recoveryId, claim);
        assertThat((String) garbage.path("code")).isEqualTo(ErrorCode.RECOVERY_SHARE_TAMPERED.code());
    }

    @Test
    void aCrashAfterTheDatabaseCommit_isFinishedByARepeatedCompletionWithTheSameToken() {
        Setup s = patientWithRecordsAndGuardians("Crash patient");
        Response opened = openRecovery(s.patient());
        String recoveryId = opened.path("recoveryId");
        String claim = opened.path("claimToken");
        long chainId = ((Number) opened.path("chainRequestId")).longValue();
        approve(s.guardians().get(0), recoveryId).then().statusCode(200);
        approve(s.guardians().get(2), recoveryId).then().statusCode(200);
        RecoveryLedger real = node.recoveryLedger();
        RecoveryLedger chainDiesBeforeMarking = new ChainDiesBeforeMarking(real);
        var crashing = new io.salus.core.recovery.RecoveryCompletion(node.accountStore(),
                TinkRecoveryKeys.of(keys), chainDiesBeforeMarking,
                new PostgresRecoveryStore(Jdbi.create(node.dataSource())), java.time.Clock.systemUTC());
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> crashing.complete(UUID.fromString(recoveryId), claim))
                .isInstanceOf(io.salus.core.error.UnavailableException.class);
        assertThat(real.request(chainId).executed()).isFalse();

        Response repeat = complete(recoveryId, claim);
        repeat.then().statusCode(200);
        assertThat((Boolean) repeat.path("repeated")).isTrue();
        assertThat(real.request(chainId).executed()).isTrue();
        given().baseUri(api.url).auth().oauth2((String) repeat.path("apiToken")).get("/accounts/me").then()
                .statusCode(200);
        given().baseUri(api.url).auth().oauth2(s.patient().token()).get("/accounts/me").then().statusCode(401);
    }

    /** The real ledger, except that the chain goes away exactly when the rotated key is to be marked on chain. */
    private record ChainDiesBeforeMarking(RecoveryLedger real) implements RecoveryLedger {
        @Override
        public long nextNonce(io.salus.core.account.EvmAddress signer) {
            return real.nextNonce(signer);
        }

        @Override
        public io.salus.core.merkle.Hash32 digest(Signed<?> unsigned) {
            return real.digest(unsigned);
        }

        @Override
        public Result<Epoch> setGuardians(Signed<RecoveryPayloads.SetGuardians> signed) {
            return real.setGuardians(signed);
        }

        @Override
        public Result<Opened> open(io.salus.core.account.EvmAddress patient, io.salus.core.merkle.Hash32 keyHash) {
            return real.open(patient, keyHash);
        }

        @Override
        public Result<io.salus.core.anchor.TxRef> approve(Signed<RecoveryPayloads.Approve> signed) {
            return real.approve(signed);
        }

        @Override
        public ChainRequest request(long requestId) {
            return real.request(requestId);
        }

        @Override
        public boolean hasApproved(long requestId, io.salus.core.account.EvmAddress guardian) {
            return real.hasApproved(requestId, guardian);
        }

        @Override
        public Result<io.salus.core.anchor.TxRef> markExecuted(long requestId) {
            throw new io.salus.core.error.UnavailableException(ErrorCode.CHAIN_UNAVAILABLE,
                    "the node died before marking the recovery executed", null);
        }
    }

    private static Signed<RecoveryPayloads.Approve> signed(RecoveryLedger ledger, Account signer,
            RecoveryPayloads.Approve payload) {
        long nonce = ledger.nextNonce(signer.address());
        Instant deadline = Instant.ofEpochSecond(Instant.now().plusSeconds(600).getEpochSecond());
        Signed<RecoveryPayloads.Approve> unsigned = new Signed<>(payload, signer.address(), nonce, deadline,
                new byte[0]);
        byte[] key = keys.unsealSigningKey(signer.address(),
                node.accountStore().sealedKeys(signer.id()).orElseThrow().signingPrivateKey())
                .orElseThrow();
        return new Signed<>(payload, signer.address(), nonce, deadline,
                new EvmSigner().sign(ledger.digest(unsigned), key));
    }
}
