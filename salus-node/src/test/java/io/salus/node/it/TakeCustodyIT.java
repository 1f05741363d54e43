package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.custody.EvmIdentityRotation;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;

/**
 * An agent-held patient takes custody: new keys on the device, the identity rotated on chain by the old key, every
 * data key re-wrapped to the new X25519 key, the node's private keys deleted in the same step, so that the node (or
 * anyone holding a copy of the old key) can no longer sign for the patient.
 */
class TakeCustodyIT {
    static final HexFormat HEX = HexFormat.of();
    final Node node = TestNodes.shared();
    final Api api = new Api(node);

    @Test
    void anAgentPatientTakesCustody_andNeitherTheNodeNorACopyOfTheOldKeyCanSignForThemAnyMore() throws Exception {
        Api.Acct p = api.open("PATIENT", "Taking custody");
        api.deposit(p, p, Bundles.patientWithObservations("take-custody", 2), null).then().statusCode(201);
        List<Map<String, Object>> records = api.records(p);
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("categories",
                List.of("VITAL_SIGNS"), "consumerTypes", List.of("PUBLIC_HEALTH"), "purposes", List.of("PUBHLTH"),
                "validUntil", Instant.now().plus(5, ChronoUnit.DAYS).toString()))
                .post("/patients/" + p.id() + "/consents").then().statusCode(201);
        Response exported = given().baseUri(api.url).auth().oauth2(p.token()).post("/accounts/me/key-export");
        byte[] oldSigning = HEX.parseHex(exported.path("privateKey").toString().substring(2));
        byte[] oldEncryption = HEX.parseHex(exported.path("encryptionPrivateKey").toString().substring(2));
        EvmAddress old = new EvmAddress(p.address());

        DeviceKeys device = DeviceKeys.generate(new SecureRandom());
        Map<String, Object> keys = Map.of("address", device.address().hex(), "encryptionPublicKey",
                HEX.formatHex(device.encryptionPublicKey()));
        String digest = given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON).body(keys)
                .post("/accounts/me/take-custody/digest").then().statusCode(200).extract().path("digest");
        Map<String, Object> body = new HashMap<>(keys);
        body.put("proof", "0x" + HEX.formatHex(SelfCustodyPatients.sign(device,
                Hash32.fromHex(digest))));
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON).body(body)
                .post("/accounts/me/take-custody").then().statusCode(200).body("address", equalTo(device.address()
                        .hex()))
                .body("revokedGrants.size()", equalTo(1))
                .body("rewrappedRecords", equalTo(records.size()));

        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT sealed_signing_key, sealed_encryption_key, custody, address FROM account WHERE id = ?")) {
            s.setObject(1, UUID.fromString(p.id()));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).as("the node's copy of the signing key is deleted").isNull();
                assertThat(rs.getBytes(2)).as("the node's copy of the encryption key is deleted").isNull();
                assertThat(rs.getString(3)).isEqualTo("SELF");
                assertThat(rs.getString(4)).isEqualTo(device.address().hex());
            }
        }
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("categories",
                List.of("VITAL_SIGNS"), "consumerTypes", List.of("PUBLIC_HEALTH"), "purposes", List.of("PUBHLTH"),
                "validUntil", Instant.now().plus(5, ChronoUnit.DAYS).toString()))
                .post("/patients/" + p.id() + "/consents").then().statusCode(409).body("code", equalTo("SALUS-2100"));
        given().baseUri(api.url).auth().oauth2(p.token()).contentType(ContentType.JSON).body(body)
                .post("/accounts/me/take-custody").then().statusCode(409).body("code", equalTo("SALUS-2104"));

        String recordId = (String) records.getFirst().get("id");
        Response sealed = given().baseUri(api.url).auth().oauth2(p.token()).get("/records/" + recordId + "/sealed");
        byte[] ct = HEX.parseHex(sealed.path("ciphertext"));
        byte[] wrapped = HEX.parseHex(sealed.path("wrappedKey"));
        byte[] aad = HEX.parseHex(sealed.path("associatedData"));
        assertThat(device.openRecord(ct, wrapped, aad).isOk()).as("re-wrapped to the device's key").isTrue();
        try (DeviceKeys oldKeys = DeviceKeys.of(oldSigning, oldEncryption)) {
            assertThat(oldKeys.openRecord(ct, wrapped, aad)).isInstanceOf(Result.Err.class);
        }

        EvmIdentityRotation rotation = EvmIdentityRotation.on(node.ledger());
        for (int i = 0; i < 300 && rotation.rotatedTo(old).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(rotation.rotatedTo(old)).contains(device.address());

        Web3j web3j = Web3j.build(new HttpService(node.localChain().orElseThrow().rpcUrl()));
        try {
            for (EvmAddress patient : List.of(old, device.address())) {
                GrantTerms terms = terms(patient);
                CustodialSigner.Prepared<GrantTerms> byOldKey = node.consents().prepare(terms, old);
                assertThat(SelfCustodyPatients.call(node, web3j,
                        SelfCustodyPatients.signed(byOldKey, new EvmSigner().sign(byOldKey.digest(),
                                oldSigning))))
                        .as("the old key for patient %s", patient)
                        .satisfies(r -> assertThat(r.hasError() || r.isReverted()).isTrue());
            }
            CustodialSigner.Prepared<GrantTerms> byDevice = node.consents().prepare(terms(device.address()),
                    device.address());
            EthCall ok = SelfCustodyPatients.call(node, web3j,
                    SelfCustodyPatients.signed(byDevice, SelfCustodyPatients.sign(device, byDevice.digest())));
            assertThat(ok.hasError()).as("the device key signs for the patient now").isFalse();
        } finally {
            web3j.shutdown();
        }
    }

    private static GrantTerms terms(EvmAddress patient) {
        return new GrantTerms(patient, Category.VITAL_SIGNS.mask(), AttestationType.PUBLIC_HEALTH.mask(),
                Purpose.PUBHLTH.mask(), Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 0, Optional.empty());
    }

}
