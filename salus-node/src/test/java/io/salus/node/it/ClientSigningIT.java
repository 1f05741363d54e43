package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** A patient signs consents client-side with their own key; the node only relays what the signature authorises. */
class ClientSigningIT {
    final Api api = new Api(TestNodes.shared());
    static final ObjectMapper JSON = new ObjectMapper();
    final EvmSigner signer = new EvmSigner();

    @Test
    void aGrantSignedClientSideIsRelayedOnceAndAForgedOrReplayedOneIsRefused() {
        Api.Acct patient = api.open("PATIENT", "Self-custody patient");
        String keyHex = given().baseUri(api.url).auth().oauth2(patient.token()).post("/accounts/me/key-export")
                .then().statusCode(200).extract().path("privateKey");
        byte[] key = HexFormat.of().parseHex(keyHex.substring(2));
        Map<String, Object> grant = Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes",
                List.of("PUBLIC_HEALTH"), "purposes", List.of("PUBHLTH"), "validFrom",
                Instant.now().minusSeconds(60).toString(), "validUntil",
                Instant.now().plus(10, ChronoUnit.DAYS).toString());
        Map<String, Object> request = new HashMap<>(Map.of("action", "grant", "patientId", patient.id(), "grant",
                grant, "signer", patient.address()));
        Response prepared = post("/consents/prepare", request);
        prepared.then().statusCode(200);
        Map<String, Object> signed = new HashMap<>(request);
        signed.put("nonce", prepared.path("nonce"));
        signed.put("deadline", prepared.path("deadline"));
        Hash32 digest = Hash32.fromHex(prepared.path("digest"));
        signed.put("signature", "0x" + HexFormat.of().formatHex(signer.sign(digest, key)));

        post("/consents/signed", signed).then().statusCode(201);
        post("/consents/signed", signed).then().statusCode(409).body("code", equalTo("SALUS-0416"));

        Map<String, Object> forged = new HashMap<>(signed);
        forged.put("nonce", ((Number) prepared.path("nonce")).longValue() + 1);
        byte[] otherKey = new byte[32];
        otherKey[31] = 7;
        forged.put("signature", "0x" + HexFormat.of().formatHex(signer.sign(digest, otherKey)));
        post("/consents/signed", forged).then().statusCode(422);

        given().baseUri(api.url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/consents").then()
                .statusCode(200).body("grants.size()", equalTo(1));
    }

    @Test
    void typedDataFromPrepare_signedByAStandardEip712Signer_hashesToTheDigest_andIsAccepted() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Wallet patient");
        String keyHex = given().baseUri(api.url).auth().oauth2(patient.token()).post("/accounts/me/key-export")
                .then().statusCode(200).extract().path("privateKey");
        Map<String, Object> grant = Map.of("categories", List.of("LAB_RESULTS"), "consumerTypes",
                List.of("ACADEMIC_RESEARCHER"), "purposes", List.of("HRESCH"), "validFrom",
                Instant.now().minusSeconds(60).toString(), "validUntil",
                Instant.now().plus(30, ChronoUnit.DAYS).toString());
        Map<String, Object> request = new HashMap<>(Map.of("action", "grant", "patientId", patient.id(), "grant",
                grant, "signer", patient.address()));
        Response prepared = post("/consents/prepare", request);
        prepared.then().statusCode(200).body("typedData.primaryType", equalTo("Grant"))
                .body("typedData.message.patient", equalTo(patient.address()));
        String typedData = JSON.readTree(prepared.asString()).get("typedData").toString();

        StructuredDataEncoder wallet = new StructuredDataEncoder(typedData);
        byte[] hash = wallet.hashStructuredData();
        Sign.SignatureData sig = Sign.signMessage(hash, ECKeyPair.create(Numeric.toBigInt(keyHex)), false);

        assertThat(Numeric.toHexString(hash)).isEqualTo(prepared.path("digest"));
        Map<String, Object> signed = new HashMap<>(request);
        signed.put("nonce", prepared.path("nonce"));
        signed.put("deadline", prepared.path("deadline"));
        signed.put("signature", Numeric.toHexString(sig.getR()) + Numeric.toHexStringNoPrefix(sig.getS())
                + Numeric.toHexStringNoPrefix(sig.getV()));
        post("/consents/signed", signed).then().statusCode(201);
        given().baseUri(api.url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/consents").then()
                .statusCode(200).body("grants.size()", equalTo(1));
    }

    @Test
    void aRevocationPreparedInOneSecondAndSignedInTheNext_isAccepted() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Revoking wallet patient");
        Api.Acct carer = api.open("CAREGIVER", "Carer revoked a moment later");
        String keyHex = given().baseUri(api.url).auth().oauth2(patient.token()).post("/accounts/me/key-export")
                .then().statusCode(200).extract().path("privateKey");
        byte[] key = HexFormat.of().parseHex(keyHex.substring(2));
        Map<String, Object> delegate = new HashMap<>(Map.of("action", "delegate", "patientId", patient.id(),
                "signer", patient.address(), "delegateId", carer.id(), "delegation", Map.of("scopes",
                        List.of("VIEW_RECORDS"), "validUntil", Instant.now().plus(5, ChronoUnit.DAYS).toString())));
        post("/consents/signed", signedOver(delegate, key)).then().statusCode(200);

        Map<String, Object> revoke = new HashMap<>(delegate);
        revoke.put("delegation", Map.of("scopes", List.of(), "validUntil", Instant.now().plus(5, ChronoUnit.DAYS)
                .toString()));
        Map<String, Object> signed = signedOver(revoke, key);
        long second = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == second) {
            Thread.sleep(50);
        }
        post("/consents/signed", signed).then().statusCode(200);
        given().baseUri(api.url).auth().oauth2(patient.token()).get("/patients/" + patient.id() + "/delegations")
                .then().statusCode(200).body("delegations[0].status", equalTo("REVOKED"));
    }

    /** The request prepared by the node, with its nonce and deadline, signed over its digest with {@code key}. */
    private Map<String, Object> signedOver(Map<String, Object> request, byte[] key) {
        Response prepared = post("/consents/prepare", request);
        prepared.then().statusCode(200);
        Map<String, Object> signed = new HashMap<>(request);
        signed.put("nonce", prepared.path("nonce"));
        signed.put("deadline", prepared.path("deadline"));
        signed.put("signature", "0x" + HexFormat.of().formatHex(signer.sign(Hash32.fromHex(prepared.path("digest")),
                key)));
        return signed;
    }

    private Response post(String path, Map<String, Object> body) {
        return given().baseUri(api.url).contentType(ContentType.JSON).body(body).post(path);
    }
}
