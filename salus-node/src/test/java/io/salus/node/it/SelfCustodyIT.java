package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.node.wiring.Node;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A self-custodied patient: the node keeps their public keys only and has no way to sign for them. */
class SelfCustodyIT {
    final Node node = TestNodes.shared();
    final Api api = new Api(node);

    @Test
    void selfCustodySignUp_keepsOnlyThePublicKeys_andRegistersTheWalletAddress() throws Exception {
        SelfCustodyPatients.Patient p = SelfCustodyPatients.open(api, "Wallet holder");
        assertThat(p.acct().address()).isEqualTo(p.keys().address().hex());

        given().baseUri(api.url).auth().oauth2(p.acct().token()).get("/accounts/me/custody").then().statusCode(200)
                .body("custody", equalTo("self")).body("address", equalTo(p.keys().address().hex()))
                .body("encryptionPublicKey", equalTo(SelfCustodyPatients.HEX.formatHex(p.keys().encryptionPublicKey())))
                .body("signingPublicKey", nullValue()).body("nodeHoldsSigningPrivateKey", equalTo(false))
                .body("nodeHoldsEncryptionPrivateKey", equalTo(false));
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT sealed_signing_key, sealed_encryption_key, signing_public_key, custody FROM account "
                                + "WHERE id = ?")) {
            s.setObject(1, UUID.fromString(p.acct().id()));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isNull();
                assertThat(rs.getBytes(2)).isNull();
                assertThat(rs.getBytes(3)).isNull();
                assertThat(rs.getString(4)).isEqualTo("SELF");
            }
        }
        EvmAddress wallet = p.keys().address();
        for (int i = 0; i < 300 && node.ledger().registeredKind(wallet).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(node.ledger().registeredKind(wallet)).contains(AccountKind.PATIENT);
    }

    @Test
    void aSignUpProofSignedByAnotherKey_orForATakenAddress_isRefused() {
        SecureRandom random = new SecureRandom();
        DeviceKeys keys = DeviceKeys.generate(random);
        DeviceKeys other = DeviceKeys.generate(random);
        SelfCustodyPatients.signUp(api, "Impostor", keys, SelfCustodyPatients.proof(api, keys, other)).then()
                .statusCode(422).body("code", equalTo("SALUS-2101"));
        // a proof for another X25519 key does not carry over: the key is bound into the digest
        SelfCustodyPatients.signUp(api, "Swapped key", other, SelfCustodyPatients.proof(api, keys, other)).then()
                .statusCode(422).body("code", equalTo("SALUS-2101"));
        SelfCustodyPatients.signUp(api, "First", keys, SelfCustodyPatients.proof(api, keys, keys)).then()
                .statusCode(201);
        SelfCustodyPatients.signUp(api, "Second", keys, SelfCustodyPatients.proof(api, keys, keys)).then()
                .statusCode(409).body("code", equalTo("SALUS-2102"));
        given().baseUri(api.url).auth().oauth2(api.open("PATIENT", "Not the operator").token())
                .contentType(ContentType.JSON).body(Map.of("displayName", "x", "address", other.address().hex(),
                        "encryptionPublicKey", SelfCustodyPatients.HEX.formatHex(other.encryptionPublicKey()),
                        "proof", SelfCustodyPatients.proof(api, other, other)))
                .post("/custody/accounts").then().statusCode(403);
    }

    @Test
    void theNodesCustodialSigningPath_refusesASelfCustodyPatient_withAStableCode() {
        SelfCustodyPatients.Patient p = SelfCustodyPatients.open(api, "No agent");
        given().baseUri(api.url).auth().oauth2(p.acct().token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("PUBLIC_HEALTH"),
                        "purposes", List.of("PUBHLTH"), "validUntil",
                        Instant.now().plus(5, ChronoUnit.DAYS).toString()))
                .post("/patients/" + p.acct().id() + "/consents").then().statusCode(409)
                .body("code", equalTo("SALUS-2100"));
        given().baseUri(api.url).auth().oauth2(p.acct().token()).post("/accounts/me/key-export").then()
                .statusCode(503).body("code", equalTo("SALUS-0204"));
        given().baseUri(api.url).auth().oauth2(p.acct().token()).get("/patients/" + p.acct().id() + "/consents")
                .then().statusCode(200).body("grants.size()", equalTo(0));
    }
}
