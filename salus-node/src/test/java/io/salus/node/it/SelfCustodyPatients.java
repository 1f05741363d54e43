package io.salus.node.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.node.wiring.Node;
import java.io.IOException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.custody.DeviceKeys;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** Self-custodied patients for the integration tests: keys generated here (the "device"), public keys sent. */
final class SelfCustodyPatients {
    static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfCustodyPatients() {
    }

    record Patient(Api.Acct acct, DeviceKeys keys) {
    }

    static Patient open(Api api, String name) {
        DeviceKeys keys = DeviceKeys.generate(RANDOM);
        Response r = signUp(api, name, keys, proof(api, keys, keys));
        r.then().statusCode(201);
        return new Patient(new Api.Acct(r.path("id"), r.path("apiToken"), r.path("address")), keys);
    }

    /** The sign-up proof of {@code keys}' public keys, signed by {@code signer}'s wallet key. */
    static String proof(Api api, DeviceKeys keys, DeviceKeys signer) {
        String digest = given().baseUri(api.url).contentType(ContentType.JSON).body(Map.of("address",
                keys.address().hex(), "encryptionPublicKey", HEX.formatHex(keys.encryptionPublicKey())))
                .post("/custody/sign-up-digest").then().statusCode(200).extract().path("digest");
        return "0x" + HEX.formatHex(sign(signer, Hash32.fromHex(digest)));
    }

    static Response signUp(Api api, String name, DeviceKeys keys, String proof) {
        return given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "address", keys.address().hex(), "encryptionPublicKey",
                        HEX.formatHex(keys.encryptionPublicKey()), "proof", proof))
                .post("/custody/accounts");
    }

    static byte[] sign(DeviceKeys keys, Hash32 digest) {
        byte[] key = keys.signingPrivateKey();
        try {
            return new EvmSigner().sign(digest, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    static Signed<GrantTerms> signed(CustodialSigner.Prepared<GrantTerms> p, byte[] signature) {
        Signed<GrantTerms> u = p.unsigned();
        return new Signed<>(u.payload(), u.signer(), u.nonce(), u.deadline(), signature);
    }

    /** Asks ConsentRegistry itself (eth_call from the relayer) what it makes of a signed grant. */
    static EthCall call(Node node, Web3j web3j, Signed<GrantTerms> s) throws IOException {
        EvmAddress registry = node.ledger().access().contracts().consent().orElseThrow().consentRegistry();
        return web3j.ethCall(Transaction.createEthCallTransaction(node.ledger().relayer().hex(), registry.hex(),
                ConsentCalls.grant(s)), DefaultBlockParameterName.LATEST).send();
    }
}
